package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code --config} file of {@code serve}. Every key is optional; a value left out keeps its default. Read as
 * YAML nodes (not objects) so each error names its key and line:column.
 * <pre>
 * githubApiUrl: https://github.example.com/api/v3
 * pollInterval: 30s
 * environments: [dev, ha, preprod, prod]
 * registries:
 *   - host: 127.0.0.1:5000
 *     plainHttp: true
 *   - host: ghcr.io
 *     credentialsId: ghcr-token
 * </pre>
 *
 * @param githubApiUrl {@code null} when not set, likewise the others
 */
public record ServeConfigFile(URI githubApiUrl, Duration pollInterval, List<String> environments,
        List<ServeSettings.Registry> registries) {

    static final ServeConfigFile EMPTY = new ServeConfigFile(null, null, null, null);
    private static final Set<String> KEYS = Set.of("githubApiUrl", "pollInterval", "environments", "registries");
    private static final Set<String> REGISTRY_KEYS = Set.of("host", "credentialsId", "plainHttp");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    public static ServeConfigFile read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root;
            try {
                root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(r);
            } catch (MarkedYAMLException e) {
                var m = e.getProblemMark();
                throw new ValidationException(List.of(new FieldError("(file)", String.valueOf(e.getProblem()),
                        m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1)));
            }
            return root == null ? EMPTY : parse(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config file " + file, e);
        }
    }

    private static ServeConfigFile parse(Node root) {
        List<FieldError> errors = new ArrayList<>();
        if (!(root instanceof MappingNode map)) {
            throw new ValidationException(List.of(error("(root)", "must be a mapping of settings", root)));
        }
        URI api = null;
        Duration poll = null;
        List<String> environments = null;
        List<ServeSettings.Registry> registries = null;
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            Node v = t.getValueNode();
            switch (key == null ? "" : key) {
                case "githubApiUrl" -> api = url(v, errors);
                case "pollInterval" -> {
                    String text = requireScalar("pollInterval", v, errors);
                    try {
                        poll = text.isEmpty() ? null : Durations.parse(text);
                    } catch (IllegalArgumentException e) {
                        errors.add(error("pollInterval", e.getMessage(), v));
                    }
                }
                case "environments" -> environments = environments(v, errors);
                case "registries" -> registries = registries(v, errors);
                default -> errors.add(error(String.valueOf(key), "unknown key; known keys: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)), t.getKeyNode()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ServeConfigFile(api, poll, environments, registries);
    }

    private static URI url(Node v, List<FieldError> errors) {
        String s = requireScalar("githubApiUrl", v, errors);
        if (s.isEmpty()) {
            return null;
        }
        try {
            URI u = URI.create(s.trim());
            if ((u.getScheme() != null && (u.getScheme().equals("https") || u.getScheme().equals("http"))) && u.getHost() != null) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(error("githubApiUrl", "must be an http(s) URL such as https://github.example.com/api/v3", v));
        return null;
    }

    private static List<String> environments(Node v, List<FieldError> errors) {
        if (!(v instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            errors.add(error("environments", "must be a non-empty list of names, in release order", v));
            return null;
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node n = seq.getValue().get(i);
            String field = "environments[" + i + "]";
            String name = scalar(n);
            if (name == null || !ENVIRONMENT.matcher(name).matches()) {
                errors.add(error(field, "must be a lower-case name of letters, digits and '-'", n));
            } else if (!seen.add(name)) {
                errors.add(error(field, "'" + name + "' is listed twice", n));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private static List<ServeSettings.Registry> registries(Node v, List<FieldError> errors) {
        if (!(v instanceof SequenceNode seq)) {
            errors.add(error("registries", "must be a list of {host, credentialsId?, plainHttp?}", v));
            return null;
        }
        List<ServeSettings.Registry> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            String at = "registries[" + i + "]";
            if (!(seq.getValue().get(i) instanceof MappingNode m)) {
                errors.add(error(at, "must be a mapping {host, credentialsId?, plainHttp?}", seq.getValue().get(i)));
                continue;
            }
            String host = null;
            String credentialsId = null;
            boolean plainHttp = false;
            for (NodeTuple t : m.getValue()) {
                String key = String.valueOf(scalar(t.getKeyNode()));
                Node n = t.getValueNode();
                switch (key) {
                    case "host" -> host = requireScalar(at + ".host", n, errors);
                    case "credentialsId" -> credentialsId = requireScalar(at + ".credentialsId", n, errors);
                    case "plainHttp" -> {
                        String b = scalar(n);
                        if ("true".equals(b) || "false".equals(b)) {
                            plainHttp = Boolean.parseBoolean(b);
                        } else {
                            errors.add(error(at + ".plainHttp", "must be true or false", n));
                        }
                    }
                    default -> errors.add(error(at + "." + key, "unknown key; known keys: " + String.join(", ",
                            new java.util.TreeSet<>(REGISTRY_KEYS)), t.getKeyNode()));
                }
            }
            if (host == null || host.isBlank()) {
                errors.add(error(at + ".host", "is required, e.g. ghcr.io or 127.0.0.1:5000", m));
            } else {
                out.add(new ServeSettings.Registry(host.trim(), credentialsId, plainHttp));
            }
        }
        return out;
    }

    private static String requireScalar(String field, Node n, List<FieldError> errors) {
        String s = scalar(n);
        if (s == null || s.isBlank()) {
            errors.add(error(field, "must be a non-empty text value", n));
            return "";
        }
        return s;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static FieldError error(String field, String message, Node at) {
        var m = at.getStartMark();
        return new FieldError(field, message, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1);
    }
}
