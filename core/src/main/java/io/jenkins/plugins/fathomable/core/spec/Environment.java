package io.jenkins.plugins.fathomable.core.spec;

import java.util.Arrays;
import java.util.Optional;

/** The environments a release advances through, in order. */
public enum Environment {
    DEV("dev"),
    HA("ha"),
    PREPROD("preprod"),
    PROD("prod");

    private final String id;

    Environment(String id) {
        this.id = id;
    }

    /** The name used under {@code spec.environments} and on the command line. */
    public String id() {
        return id;
    }

    public static Optional<Environment> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Environment::id).toList());
    }
}
