package io.jenkins.plugins.fathomable.core.credentials;

import java.util.Objects;

/**
 * A secret value that never shows itself by accident: {@link #toString()} is masked, so a secret in a log line,
 * an exception message or a JSON dump reads {@code ****}. Only {@link #reveal()} gives the value, at the point of use.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}
