package io.jenkins.plugins.fathomable.e2e.harness;

/**
 * The users of {@code /casc/security.yaml} (Jenkins' own user database, matrix authorization): an administrator and
 * a user with Overall/Read only. Test-only passwords on a loopback-only controller.
 */
public record JenkinsUser(String name, String password) {

    public static final JenkinsUser ADMIN = new JenkinsUser("admin", "e2e-admin-password");
    public static final JenkinsUser READER = new JenkinsUser("reader", "e2e-reader-password");
}
