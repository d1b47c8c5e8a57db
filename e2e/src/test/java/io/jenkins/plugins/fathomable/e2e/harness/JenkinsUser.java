package io.jenkins.plugins.fathomable.e2e.harness;

/**
 * The users of {@code /casc/security.yaml} (Jenkins' own user database, matrix authorization): an administrator and
 * a user with Overall/Read only ({@code /casc/security-systemread.yaml} adds one with Overall/SystemRead). Test-only
 * passwords on a loopback-only controller.
 */
public record JenkinsUser(String name, String password) {

    public static final JenkinsUser ADMIN = new JenkinsUser("admin", "e2e-admin-password");
    public static final JenkinsUser READER = new JenkinsUser("reader", "e2e-reader-password");
    /** Overall/Read and Overall/SystemRead; only in {@code /casc/security-systemread.yaml}. */
    public static final JenkinsUser SYSTEM_READER = new JenkinsUser("sysreader", "e2e-sysreader-password");
}
