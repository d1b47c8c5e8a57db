package io.jenkins.plugins.fathomable.core.spec;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Which optional fields each pattern takes, and which it needs: a field the pattern would ignore is an error. */
final class PatternRules {

    /** Fields that only some patterns take, and those patterns. */
    private static final Map<String, Set<DeploymentPattern>> ONLY_FOR = Map.of(
            "replicas", EnumSet.of(DeploymentPattern.WEB_SERVICE, DeploymentPattern.WORKER,
                    DeploymentPattern.STATEFUL_SERVICE),
            "autoscaling", EnumSet.of(DeploymentPattern.WEB_SERVICE, DeploymentPattern.WORKER),
            "ports", EnumSet.of(DeploymentPattern.WEB_SERVICE, DeploymentPattern.WORKER,
                    DeploymentPattern.STATEFUL_SERVICE),
            "probes", EnumSet.of(DeploymentPattern.WEB_SERVICE, DeploymentPattern.WORKER,
                    DeploymentPattern.STATEFUL_SERVICE),
            "ingress", EnumSet.of(DeploymentPattern.WEB_SERVICE),
            "schedule", EnumSet.of(DeploymentPattern.CRON_JOB),
            "volumes", EnumSet.of(DeploymentPattern.STATEFUL_SERVICE));

    private PatternRules() {}

    /** Checks the fields of {@code spec} (or of an environment override) against the pattern. */
    static void check(DeploymentPattern pattern, YamlMap block, Problems problems) {
        for (String field : ONLY_FOR.keySet().stream().sorted().toList()) {
            Set<DeploymentPattern> allowed = ONLY_FOR.get(field);
            if (block.has(field) && !allowed.contains(pattern)) {
                problems.add(block.child(field), "is not allowed for pattern " + pattern.id() + " (only for "
                        + allowed.stream().map(DeploymentPattern::id).collect(Collectors.joining(", ")) + ")",
                        block.key(field));
            }
        }
    }

    /** What the base spec must have for its pattern. */
    static void checkRequired(DeploymentPattern pattern, YamlMap spec, Problems problems) {
        if (pattern == DeploymentPattern.CRON_JOB && !spec.has("schedule")) {
            problems.add(spec.child("schedule"), "is required for pattern cron-job", spec.node());
        }
        boolean needsPorts = pattern == DeploymentPattern.WEB_SERVICE || pattern == DeploymentPattern.STATEFUL_SERVICE;
        // ports written but all invalid (or not a list) are reported where they are; only "none at all" here
        boolean written = spec.has("ports")
                && !(spec.value("ports") instanceof SequenceNode seq && seq.getValue().isEmpty());
        if (needsPorts && !written) {
            problems.add(spec.child("ports"), "pattern " + pattern.id() + " needs at least one port (its Service"
                    + " exposes them)", spec.has("ports") ? spec.value("ports") : spec.node());
        }
    }
}
