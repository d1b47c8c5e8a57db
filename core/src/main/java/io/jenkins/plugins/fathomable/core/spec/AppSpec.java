package io.jenkins.plugins.fathomable.core.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A parsed and validated {@code fathomable.yaml} (v1). Built by {@link SpecParser}; every list is immutable and
 * optional blocks are {@code null} ({@code replicas} too when autoscaling or the pattern has no replicas).
 * Call {@link #forEnvironment} to get the effective spec of one environment.
 */
public record AppSpec(String name, DeploymentPattern pattern, ImageSpec image, Integer replicas,
        Autoscaling autoscaling, Resources resources, List<PortSpec> ports, Probes probes, List<String> command,
        List<String> args, List<EnvVar> env, List<ConfigFile> configFiles, List<SecretMount> secrets,
        IngressSpec ingress, String schedule, List<VolumeSpec> volumes,
        Map<Environment, EnvironmentOverride> environments) {

    public AppSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(image, "image");
        resources = resources == null ? Resources.NONE : resources;
        probes = probes == null ? Probes.NONE : probes;
        ports = List.copyOf(ports);
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
        configFiles = List.copyOf(configFiles);
        secrets = List.copyOf(secrets);
        volumes = List.copyOf(volumes);
        EnumMap<Environment, EnvironmentOverride> envs = new EnumMap<>(Environment.class);
        envs.putAll(environments);
        environments = Collections.unmodifiableMap(envs);
    }

    /** The replica count to render when not autoscaling: {@code replicas}, or 1. */
    public int replicasOrDefault() {
        return replicas == null ? 1 : replicas;
    }

    /**
     * The effective spec in {@code environment}: its override applied, and no environments left. Replicas and
     * autoscaling replace each other; resources replace the quantities they name; env vars replace those of the
     * same name (new ones are appended); config files of an existing config replace files of the same name
     * (new configs are appended).
     */
    public AppSpec forEnvironment(Environment environment) {
        EnvironmentOverride o = environments.getOrDefault(environment, EnvironmentOverride.NONE);
        Integer r = replicas;
        Autoscaling a = autoscaling;
        if (o.replicas() != null) {
            r = o.replicas();
            a = null;
        } else if (o.autoscaling() != null) {
            r = null;
            a = o.autoscaling();
        }
        Resources res = o.resources() == null ? resources : resources.overriddenBy(o.resources());
        return new AppSpec(name, pattern, image, r, a, res, ports, probes, command, args,
                mergeEnv(env, o.env()), mergeConfigs(configFiles, o.configFiles()), secrets, ingress, schedule,
                volumes, Map.of());
    }

    private static List<EnvVar> mergeEnv(List<EnvVar> base, List<EnvVar> override) {
        Map<String, EnvVar> merged = new LinkedHashMap<>();
        base.forEach(v -> merged.put(v.name(), v));
        override.forEach(v -> merged.put(v.name(), v));
        return List.copyOf(merged.values());
    }

    private static List<ConfigFile> mergeConfigs(List<ConfigFile> base, List<ConfigFile> override) {
        Map<String, ConfigFile> merged = new LinkedHashMap<>();
        base.forEach(c -> merged.put(c.name(), c));
        for (ConfigFile c : override) {
            ConfigFile old = merged.get(c.name());
            if (old == null) {
                merged.put(c.name(), c);
            } else {
                Map<String, String> files = new LinkedHashMap<>(old.files());
                files.putAll(c.files());
                String mount = c.mountPath() == null ? old.mountPath() : c.mountPath();
                merged.put(c.name(), new ConfigFile(c.name(), mount, new TreeMap<>(files)));
            }
        }
        return List.copyOf(merged.values());
    }
}
