package io.jenkins.plugins.fathomable.core.spec;

/**
 * An environment variable: a literal {@code value}, or a reference to a key of a Kubernetes Secret by name. The
 * file never holds secret values; exactly one of the two is set.
 */
public record EnvVar(String name, String value, SecretKeyRef secretKeyRef) {

    /** A key of a Secret that already exists in the namespace. */
    public record SecretKeyRef(String name, String key) {}
}
