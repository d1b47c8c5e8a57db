package io.jenkins.plugins.fathomable.core.spec;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Walks the document: top level, {@code spec}, the rules each pattern adds, and the environment overrides. */
final class SpecReader {

    static final String API_VERSION = "fathomable.io/v1";
    static final String KIND = "Application";

    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> SPEC = Set.of("pattern", "image", "replicas", "autoscaling", "resources",
            "ports", "probes", "command", "args", "env", "configFiles", "secrets", "ingress", "schedule", "volumes",
            "environments");
    private static final Set<String> ENVIRONMENT = Set.of("replicas", "autoscaling", "resources", "env",
            "configFiles");

    private final Problems problems;
    private final ContainerReader container;
    private final MountReader mounts;

    SpecReader(Problems problems) {
        this.problems = problems;
        this.container = new ContainerReader(problems);
        this.mounts = new MountReader(problems);
    }

    /** The spec, or {@code null}; problems are reported either way. */
    AppSpec read(Node root) {
        if (!(root instanceof MappingNode)) {
            problems.add("document", "must be a mapping with apiVersion, kind, metadata and spec, got "
                    + YamlMap.describe(root), root);
            return null;
        }
        YamlMap doc = YamlMap.open("", root, problems, TOP);
        String apiVersion = doc.string("apiVersion", true);
        if (apiVersion != null && !API_VERSION.equals(apiVersion)) {
            problems.add("apiVersion", "must be " + API_VERSION + ", got '" + apiVersion + "'", doc.value("apiVersion"));
        }
        String kind = doc.string("kind", true);
        if (kind != null && !KIND.equals(kind)) {
            problems.add("kind", "must be " + KIND + ", got '" + kind + "'", doc.value("kind"));
        }
        String name = null;
        YamlMap metadata = doc.map("metadata", true, Set.of("name"));
        if (metadata != null) {
            String n = metadata.string("name", true);
            name = n == null ? null : check(metadata, "name", n, Names.dnsLabel(n, Names.APP_NAME_MAX));
        }
        YamlMap spec = doc.map("spec", true, SPEC);
        return spec == null ? null : readSpec(name, spec);
    }

    private AppSpec readSpec(String name, YamlMap spec) {
        DeploymentPattern pattern = pattern(spec);
        ImageSpec image = image(spec);
        Integer replicas = spec.integer("replicas", false, 0, 1000);
        Autoscaling autoscaling = container.autoscaling(spec.map("autoscaling", false, ContainerReader.AUTOSCALING));
        if (spec.has("replicas") && spec.has("autoscaling")) {
            problems.add(spec.child("autoscaling"), "set either replicas or autoscaling, not both",
                    spec.key("autoscaling"));
        }
        YamlMap resMap = spec.map("resources", false, ContainerReader.RESOURCES);
        Resources resources = container.resources(resMap);
        if (resMap != null) {
            container.checkRequestsWithinLimits(resources, resMap);
        }
        List<PortSpec> ports = container.ports(spec);
        Probes probes = container.probes(spec, ports);
        List<String> command = spec.strings("command");
        List<String> args = spec.strings("args");
        List<EnvVar> env = container.env(spec.child("env"), spec.list("env", false));
        List<ConfigFile> configs = mounts.configFiles(spec.child("configFiles"), spec.list("configFiles", false),
                null);
        List<SecretMount> secrets = mounts.secrets(spec);
        IngressSpec ingress = container.ingress(spec, ports);
        String schedule = spec.string("schedule", false);
        schedule = schedule == null ? null : check(spec, "schedule", schedule, Names.cron(schedule));
        List<VolumeSpec> volumes = mounts.volumes(spec);
        if (pattern != null) {
            PatternRules.check(pattern, spec, problems);
            PatternRules.checkRequired(pattern, spec, problems);
        }
        Map<Environment, EnvironmentOverride> environments =
                environments(spec, pattern, configs.stream().map(ConfigFile::name).toList(), resources);
        if (name == null || pattern == null || image == null || !problems.isEmpty()) {
            return null;
        }
        return new AppSpec(name, pattern, image, replicas, autoscaling, resources, ports, probes, command, args,
                env, configs, secrets, ingress, schedule, volumes, environments);
    }

    private DeploymentPattern pattern(YamlMap spec) {
        String id = spec.string("pattern", true);
        if (id == null) {
            return null;
        }
        DeploymentPattern p = DeploymentPattern.fromId(id).orElse(null);
        if (p == null) {
            problems.add(spec.child("pattern"), "must be one of " + DeploymentPattern.ids() + ", got '" + id + "'",
                    spec.value("pattern"));
        }
        return p;
    }

    private ImageSpec image(YamlMap spec) {
        YamlMap image = spec.map("image", true, Set.of("repository", "tag", "semver"));
        if (image == null) {
            return null;
        }
        String repo = image.string("repository", true);
        repo = repo == null ? null : check(image, "repository", repo, Names.repository(repo));
        String tag = image.string("tag", false);
        tag = tag == null ? null : check(image, "tag", tag, Names.tag(tag));
        String semver = image.string("semver", false);
        semver = semver == null ? null : check(image, "semver", semver, Names.semver(semver));
        if (image.has("tag") && image.has("semver")) {
            problems.add(image.child("semver"), "set either tag or semver, not both", image.key("semver"));
            return null;
        }
        if (!image.has("tag") && !image.has("semver")) {
            problems.add(image.path(), "needs a tag (a fixed tag) or semver (a SemVer constraint)", image.node());
            return null;
        }
        return repo == null || (tag == null && semver == null) ? null : new ImageSpec(repo, tag, semver);
    }

    private Map<Environment, EnvironmentOverride> environments(YamlMap spec, DeploymentPattern pattern,
            List<String> baseConfigs, Resources baseResources) {
        Map<Environment, EnvironmentOverride> out = new EnumMap<>(Environment.class);
        Set<String> ids = Arrays.stream(Environment.values()).map(Environment::id).collect(Collectors.toSet());
        YamlMap envs = spec.map("environments", false, ids);
        if (envs == null) {
            return out;
        }
        for (Environment e : Environment.values()) {
            YamlMap o = envs.map(e.id(), false, ENVIRONMENT);
            if (o == null) {
                continue;
            }
            if (pattern != null) {
                PatternRules.check(pattern, o, problems);
            }
            Integer replicas = o.integer("replicas", false, 0, 1000);
            Autoscaling autoscaling = container.autoscaling(o.map("autoscaling", false, ContainerReader.AUTOSCALING));
            if (o.has("replicas") && o.has("autoscaling")) {
                problems.add(o.child("autoscaling"), "set either replicas or autoscaling, not both",
                        o.key("autoscaling"));
            }
            YamlMap resMap = o.map("resources", false, ContainerReader.RESOURCES);
            Resources resources = resMap == null ? null : container.resources(resMap);
            if (resources != null) {
                container.checkRequestsWithinLimits(baseResources.overriddenBy(resources), resMap);
            }
            List<EnvVar> env = container.env(o.child("env"), o.list("env", false));
            List<ConfigFile> configs = mounts.configFiles(o.child("configFiles"), o.list("configFiles", false),
                    Set.copyOf(baseConfigs));
            out.put(e, new EnvironmentOverride(replicas, autoscaling, resources, env, configs));
        }
        return out;
    }

    /** {@code value} when {@code problem} is {@code null}; otherwise reports it at the field and returns null. */
    private String check(YamlMap map, String field, String value, String problem) {
        if (value == null) {
            return null;
        }
        if (problem != null) {
            problems.add(map.child(field), problem, map.value(field));
            return null;
        }
        return value;
    }
}
