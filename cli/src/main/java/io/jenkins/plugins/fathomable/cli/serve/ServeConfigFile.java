package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * renderOnly: false
 * environments:                       # names only ([dev, prod]) or mappings
 *   - name: dev
 *     namespace: shop-dev              # default: the name
 *     cluster: {kubeconfig: /home/me/.kube/config, context: kind-dev}   # or {inCluster: true}; none: render only
 *   - name: prod
 *     windows: [{cron: "0 9 * * 1-5", timeZone: Europe/Berlin, duration: 8h}]
 *     soak: 1h
 *     approval: true
 * github:                              # request budget per credential; defaults shown
 *   restPointsPerMinute: 900
 *   graphqlPointsPerMinute: 2000
 *   maxInFlight: 10
 * webhooks:                           # see WebhookSettings
 *   github: {secretFile: /run/secrets/github-webhook}
 *   registry: {tokenEnv: REGISTRY_WEBHOOK_TOKEN}
 * registries:
 *   - host: 127.0.0.1:5000
 *     plainHttp: true
 *   - host: ghcr.io
 *     username: robot
 *     passwordFile: /run/secrets/ghcr     # or passwordEnv: GHCR_TOKEN; read at each login
 *     requestsPerSecond: 5
 *     maxConcurrent: 2
 * </pre>
 *
 * @param githubApiUrl {@code null} when not set, likewise the others
 */
public record ServeConfigFile(URI githubApiUrl, Duration pollInterval, List<ServeSettings.Environment> environments,
        List<ServeSettings.Registry> registries, Boolean renderOnly, GitHubLimits github, WebhookSettings webhooks) {

    static final ServeConfigFile EMPTY = new ServeConfigFile(null, null, null, null, null, null, null);
    private static final Set<String> KEYS = Set.of("githubApiUrl", "pollInterval", "environments", "registries",
            "renderOnly", "github", "webhooks");
    private static final Set<String> GITHUB_KEYS = Set.of("restPointsPerMinute", "graphqlPointsPerMinute", "maxInFlight");
    private static final Set<String> REGISTRY_KEYS = Set.of("host", "credentialsId", "plainHttp", "username",
            "passwordFile", "passwordEnv", "requestsPerSecond", "maxConcurrent");

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
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ValidationException(List.of(new FieldError("(file)", "does not exist")));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ValidationException(List.of(new FieldError("(file)", "cannot be read: permission denied")));
        } catch (IOException e) {
            throw new ValidationException(List.of(new FieldError("(file)", "cannot be read: " + e.getMessage())));
        }
    }

    private static ServeConfigFile parse(Node root) {
        List<FieldError> errors = new ArrayList<>();
        if (!(root instanceof MappingNode map)) {
            throw new ValidationException(List.of(error("(root)", "must be a mapping of settings", root)));
        }
        URI api = null;
        Duration poll = null;
        List<ServeSettings.Environment> environments = null;
        List<ServeSettings.Registry> registries = null;
        Boolean renderOnly = null;
        GitHubLimits github = null;
        WebhookSettings webhooks = null;
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
                case "environments" -> environments = EnvironmentSection.read(v, errors);
                case "renderOnly" -> renderOnly = bool("renderOnly", v, errors);
                case "registries" -> registries = registries(v, errors);
                case "webhooks" -> webhooks = WebhookSettings.read(v, errors);
                case "github" -> github = github(v, errors);
                default -> errors.add(error(String.valueOf(key), "unknown key; known keys: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)), t.getKeyNode()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ServeConfigFile(api, poll, environments, registries, renderOnly, github, webhooks);
    }

    /** {@code github:} the request budget per credential; each key optional, checked as {@link GitHubLimits} does. */
    private static GitHubLimits github(Node v, List<FieldError> errors) {
        if (!(v instanceof MappingNode m)) {
            errors.add(error("github", "must be a mapping of restPointsPerMinute, graphqlPointsPerMinute, maxInFlight", v));
            return null;
        }
        java.util.Map<String, Integer> values = new java.util.HashMap<>();
        int before = errors.size();
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(scalar(t.getKeyNode()));
            Node n = t.getValueNode();
            if (!GITHUB_KEYS.contains(key)) {
                errors.add(error("github." + key, "unknown key; known keys: " + String.join(", ",
                        new java.util.TreeSet<>(GITHUB_KEYS)), t.getKeyNode()));
                continue;
            }
            try {
                values.put(key, Integer.parseInt(String.valueOf(scalar(n)).trim()));
            } catch (NumberFormatException e) {
                errors.add(error("github." + key, "must be a whole number", n));
                continue;
            }
            try {
                GitHubLimits.of(key.equals("restPointsPerMinute") ? values.get(key) : null,
                        key.equals("graphqlPointsPerMinute") ? values.get(key) : null,
                        key.equals("maxInFlight") ? values.get(key) : null);
            } catch (ValidationException e) {
                errors.add(error("github." + key, e.errors().get(0).message(), n));
            }
        }
        return errors.size() > before ? null : GitHubLimits.of(values.get("restPointsPerMinute"),
                values.get("graphqlPointsPerMinute"), values.get("maxInFlight"));
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
            String username = null;
            String passwordFile = null;
            String passwordEnv = null;
            Double rate = null;
            Integer concurrent = null;
            for (NodeTuple t : m.getValue()) {
                String key = String.valueOf(scalar(t.getKeyNode()));
                Node n = t.getValueNode();
                switch (key) {
                    case "host" -> host = requireScalar(at + ".host", n, errors);
                    case "credentialsId" -> credentialsId = requireScalar(at + ".credentialsId", n, errors);
                    case "plainHttp" -> plainHttp = Boolean.TRUE.equals(bool(at + ".plainHttp", n, errors));
                    case "username" -> username = requireScalar(at + ".username", n, errors);
                    case "passwordFile" -> passwordFile = requireScalar(at + ".passwordFile", n, errors);
                    case "passwordEnv" -> passwordEnv = requireScalar(at + ".passwordEnv", n, errors);
                    case "requestsPerSecond" -> rate = positive(at + ".requestsPerSecond", n, errors);
                    case "maxConcurrent" -> {
                        Double d = positive(at + ".maxConcurrent", n, errors);
                        concurrent = d == null ? null : (int) Math.max(1, Math.round(d));
                    }
                    default -> errors.add(error(at + "." + key, "unknown key; known keys: " + String.join(", ",
                            new java.util.TreeSet<>(REGISTRY_KEYS)), t.getKeyNode()));
                }
            }
            if (host == null || host.isBlank()) {
                errors.add(error(at + ".host", "is required, e.g. ghcr.io or 127.0.0.1:5000", m));
            } else if (username != null && (passwordFile == null) == (passwordEnv == null)) {
                errors.add(error(at + ".username", "needs exactly one of passwordFile and passwordEnv", m));
            } else if (username == null && (passwordFile != null || passwordEnv != null)) {
                errors.add(error(at + ".username", "is required with passwordFile or passwordEnv", m));
            } else if (username != null && credentialsId != null) {
                errors.add(error(at + ".credentialsId", "give either credentialsId or username, not both", m));
            } else {
                out.add(new ServeSettings.Registry(host.trim(), credentialsId, plainHttp, username, passwordFile,
                        passwordEnv, rate, concurrent));
            }
        }
        return out;
    }

    static Boolean bool(String field, Node n, List<FieldError> errors) {
        String b = scalar(n);
        if ("true".equals(b) || "false".equals(b)) {
            return Boolean.parseBoolean(b);
        }
        errors.add(error(field, "must be true or false", n));
        return null;
    }

    private static Double positive(String field, Node n, List<FieldError> errors) {
        try {
            double d = Double.parseDouble(String.valueOf(scalar(n)));
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(error(field, "must be a positive number", n));
        return null;
    }

    static String requireScalar(String field, Node n, List<FieldError> errors) {
        String s = scalar(n);
        if (s == null || s.isBlank()) {
            errors.add(error(field, "must be a non-empty text value", n));
            return "";
        }
        return s;
    }

    static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    static FieldError error(String field, String message, Node at) {
        var m = at.getStartMark();
        return new FieldError(field, message, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1);
    }
}
