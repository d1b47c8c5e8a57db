package io.jenkins.plugins.fathomable.cli.serve;

import static io.jenkins.plugins.fathomable.cli.serve.ServeConfigFile.bool;
import static io.jenkins.plugins.fathomable.cli.serve.ServeConfigFile.error;
import static io.jenkins.plugins.fathomable.cli.serve.ServeConfigFile.requireScalar;
import static io.jenkins.plugins.fathomable.cli.serve.ServeConfigFile.scalar;

import io.jenkins.plugins.fathomable.core.release.DeployWindow;
import io.jenkins.plugins.fathomable.core.spec.Environment;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The {@code environments} list of the {@code serve} config file: names, or mappings with cluster, windows, soak. */
final class EnvironmentSection {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    private static final Set<String> KEYS = Set.of("name", "namespace", "cluster", "windows", "soak", "approval");
    private static final Set<String> CLUSTER_KEYS = Set.of("kubeconfig", "context", "inCluster");
    private static final Set<String> WINDOW_KEYS = Set.of("cron", "timeZone", "duration");

    private EnvironmentSection() {}

    static List<ServeSettings.Environment> read(Node v, List<FieldError> errors) {
        if (!(v instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            errors.add(error("environments", "must be a non-empty list of names or mappings, in release order", v));
            return null;
        }
        List<ServeSettings.Environment> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node n = seq.getValue().get(i);
            String at = "environments[" + i + "]";
            ServeSettings.Environment env = n instanceof MappingNode m ? mapping(at, m, errors)
                    : environmentName(at, scalar(n), n, errors) == null ? null
                    : new ServeSettings.Environment(scalar(n), null, null, null, null, false);
            if (env != null && !seen.add(env.name())) {
                errors.add(error(at, "'" + env.name() + "' is listed twice", n));
            } else if (env != null) {
                out.add(env);
            }
        }
        return out;
    }

    private static String name(String field, String name, Node n, List<FieldError> errors) {
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(error(field, "must be a lower-case name of letters, digits and '-'", n));
            return null;
        }
        return name;
    }

    /** Releases render per environment with that environment's overrides, so only the spec's names are allowed. */
    private static String environmentName(String field, String name, Node n, List<FieldError> errors) {
        if (name == null || Environment.fromId(name).isEmpty()) {
            errors.add(error(field, "must be one of " + Environment.ids() + " (the environments fathomable.yaml"
                    + " overrides), got '" + name + "'", n));
            return null;
        }
        return name;
    }

    private static ServeSettings.Environment mapping(String at, MappingNode m, List<FieldError> errors) {
        String name = null;
        String namespace = null;
        ServeSettings.Cluster cluster = null;
        List<DeployWindow> windows = List.of();
        Duration soak = null;
        boolean approval = false;
        int before = errors.size();
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(scalar(t.getKeyNode()));
            Node n = t.getValueNode();
            switch (key) {
                case "name" -> name = environmentName(at + ".name", scalar(n), n, errors);
                case "namespace" -> namespace = name(at + ".namespace", scalar(n), n, errors);
                case "cluster" -> cluster = cluster(at + ".cluster", n, errors);
                case "windows" -> windows = windows(at + ".windows", n, errors);
                case "soak" -> soak = duration(at + ".soak", n, errors);
                case "approval" -> approval = Boolean.TRUE.equals(bool(at + ".approval", n, errors));
                default -> errors.add(unknown(at + "." + key, KEYS, t.getKeyNode()));
            }
        }
        if (name == null && errors.size() == before) {
            errors.add(error(at + ".name", "is required, e.g. dev", m));
        }
        return errors.size() > before ? null
                : new ServeSettings.Environment(name, namespace, cluster, windows, soak, approval);
    }

    private static ServeSettings.Cluster cluster(String at, Node n, List<FieldError> errors) {
        if (!(n instanceof MappingNode m)) {
            errors.add(error(at, "must be a mapping {kubeconfig, context?} or {inCluster: true}", n));
            return null;
        }
        String kubeconfig = null;
        String context = null;
        boolean inCluster = false;
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(scalar(t.getKeyNode()));
            Node v = t.getValueNode();
            switch (key) {
                case "kubeconfig" -> kubeconfig = requireScalar(at + ".kubeconfig", v, errors);
                case "context" -> context = requireScalar(at + ".context", v, errors);
                case "inCluster" -> inCluster = Boolean.TRUE.equals(bool(at + ".inCluster", v, errors));
                default -> errors.add(unknown(at + "." + key, CLUSTER_KEYS, t.getKeyNode()));
            }
        }
        if (inCluster == (kubeconfig != null && !kubeconfig.isEmpty())) {
            errors.add(error(at, "give either kubeconfig (and optionally context) or inCluster: true", m));
            return null;
        }
        return new ServeSettings.Cluster(inCluster ? null : Path.of(expandHome(kubeconfig)), context, inCluster);
    }

    private static List<DeployWindow> windows(String at, Node n, List<FieldError> errors) {
        if (!(n instanceof SequenceNode seq)) {
            errors.add(error(at, "must be a list of {cron, timeZone, duration}", n));
            return List.of();
        }
        List<DeployWindow> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            String w = at + "[" + i + "]";
            if (!(seq.getValue().get(i) instanceof MappingNode m)) {
                errors.add(error(w, "must be a mapping {cron, timeZone, duration}", seq.getValue().get(i)));
                continue;
            }
            String cron = null;
            String zone = "UTC";
            Duration duration = null;
            for (NodeTuple t : m.getValue()) {
                String key = String.valueOf(scalar(t.getKeyNode()));
                Node v = t.getValueNode();
                switch (key) {
                    case "cron" -> cron = requireScalar(w + ".cron", v, errors);
                    case "timeZone" -> zone = requireScalar(w + ".timeZone", v, errors);
                    case "duration" -> duration = duration(w + ".duration", v, errors);
                    default -> errors.add(unknown(w + "." + key, WINDOW_KEYS, t.getKeyNode()));
                }
            }
            try {
                out.add(new DeployWindow(cron, zone, duration));
            } catch (ValidationException e) {
                e.errors().forEach(fe -> errors.add(error(w + "." + fe.field(), fe.message(), m)));
            }
        }
        return out;
    }

    private static Duration duration(String field, Node n, List<FieldError> errors) {
        try {
            return Durations.parse(String.valueOf(scalar(n)));
        } catch (IllegalArgumentException e) {
            errors.add(error(field, e.getMessage(), n));
            return null;
        }
    }

    private static FieldError unknown(String field, Set<String> known, Node at) {
        return error(field, "unknown key; known keys: " + String.join(", ", new TreeSet<>(known)), at);
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}
