package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** The environments every release passes through, in order. */
public record FlowConfig(List<EnvironmentConfig> environments) {

    /** The default order. */
    public static final List<String> DEFAULT_ORDER = List.of("dev", "ha", "preprod", "prod");

    public FlowConfig {
        List<FieldError> errors = new ArrayList<>();
        if (environments == null || environments.isEmpty()) {
            errors.add(new FieldError("environments", "at least one environment is required"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < environments.size(); i++) {
                EnvironmentConfig env = environments.get(i);
                if (env == null) {
                    errors.add(new FieldError("environments[" + i + "]", "is missing"));
                } else if (!seen.add(env.name())) {
                    errors.add(new FieldError("environments[" + i + "].name", "'" + env.name() + "' is listed twice"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        environments = List.copyOf(environments);
    }

    /**
     * dev, ha, preprod and prod on one cluster named {@code default}, each in the namespace of its name, open any
     * time, no soak, no approval: the starting point an admin tightens.
     */
    public static FlowConfig defaults() {
        return new FlowConfig(DEFAULT_ORDER.stream().map(n -> EnvironmentConfig.simple(n, "default", n)).toList());
    }

    public List<String> names() {
        return environments.stream().map(EnvironmentConfig::name).toList();
    }

    public EnvironmentConfig first() {
        return environments.get(0);
    }

    public Optional<EnvironmentConfig> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The position of {@code name} in the flow, or -1 if it is not part of it. */
    public int indexOf(String name) {
        return IntStream.range(0, environments.size()).filter(i -> environments.get(i).name().equals(name))
                .findFirst().orElse(-1);
    }

    /** The environment after {@code name}, empty for the last one. */
    public Optional<EnvironmentConfig> next(String name) {
        int i = indexOf(name);
        return i >= 0 && i + 1 < environments.size() ? Optional.of(environments.get(i + 1)) : Optional.empty();
    }

    /** The environment before {@code name}, empty for the first one. */
    public Optional<EnvironmentConfig> previous(String name) {
        int i = indexOf(name);
        return i > 0 ? Optional.of(environments.get(i - 1)) : Optional.empty();
    }

    /** The named environment, or a validation error naming {@code field}. */
    public EnvironmentConfig require(String field, String name) {
        return environment(name).orElseThrow(() -> new ValidationException(field,
                "'" + name + "' is not an environment of the flow " + names()));
    }
}
