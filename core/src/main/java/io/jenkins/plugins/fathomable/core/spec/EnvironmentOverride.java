package io.jenkins.plugins.fathomable.core.spec;

import java.util.List;

/**
 * What one environment changes: each field is {@code null} (or empty) when not overridden. Replicas and
 * autoscaling replace the base scaling; resources replace the quantities they name; env vars and config files
 * are merged by name (see {@link AppSpec#forEnvironment}).
 */
public record EnvironmentOverride(Integer replicas, Autoscaling autoscaling, Resources resources, List<EnvVar> env,
        List<ConfigFile> configFiles) {

    public static final EnvironmentOverride NONE = new EnvironmentOverride(null, null, null, List.of(), List.of());

    public EnvironmentOverride {
        env = List.copyOf(env);
        configFiles = List.copyOf(configFiles);
    }
}
