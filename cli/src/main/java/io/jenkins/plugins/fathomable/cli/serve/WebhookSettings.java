package io.jenkins.plugins.fathomable.cli.serve;

import static io.jenkins.plugins.fathomable.cli.serve.ServeConfigFile.error;
import static io.jenkins.plugins.fathomable.cli.serve.ServeConfigFile.requireScalar;
import static io.jenkins.plugins.fathomable.cli.serve.ServeConfigFile.scalar;

import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code webhooks} section of the {@code serve} config file:
 * <pre>
 * webhooks:
 *   pollInterval: 12m                    # how often trackers whose webhooks flow are polled (default: 12 x pollInterval)
 *   github:
 *     secretFile: /run/secrets/github-webhook    # or secretEnv: GITHUB_WEBHOOK_SECRET
 *   registry:
 *     tokenFile: /run/secrets/registry-webhook   # or tokenEnv: REGISTRY_WEBHOOK_TOKEN
 * </pre>
 * A receiver without its secret is not served (404). Secrets are read at each delivery, so they can be rotated
 * without a restart, and are never copied into the state directory.
 *
 * @param pollInterval {@code null}: 12 times the poll interval
 * @param github       {@code null}: no {@code POST /webhooks/github}
 * @param registry     {@code null}: no {@code POST /webhooks/registry}
 */
public record WebhookSettings(Duration pollInterval, SecretSource github, SecretSource registry) {

    public static final WebhookSettings NONE = new WebhookSettings(null, null, null);

    private static final Set<String> KEYS = Set.of("pollInterval", "github", "registry");

    /** Where a secret is read from: a file (its content, trimmed) or an environment variable. */
    public record SecretSource(String field, Path file, String env) {

        /**
         * The secret now.
         *
         * @throws IllegalStateException naming the setting when it cannot be read or is empty
         */
        public Secret read(Function<String, String> environment) {
            String value;
            if (env != null) {
                value = environment.apply(env);
                if (value == null) {
                    throw new IllegalStateException(field + ": the environment variable " + env + " is not set");
                }
            } else {
                try {
                    value = Files.readString(file, StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    throw new IllegalStateException(field + ": " + file + " does not exist");
                } catch (IOException e) {
                    throw new IllegalStateException(field + ": " + file + " cannot be read: " + e.getMessage());
                }
            }
            if (value.isBlank()) {
                throw new IllegalStateException(field + ": " + (env != null ? "the environment variable " + env
                        : file.toString()) + " is empty");
            }
            return Secret.of(value.strip());
        }
    }

    static WebhookSettings read(Node v, List<FieldError> errors) {
        if (!(v instanceof MappingNode map)) {
            errors.add(error("webhooks", "must be a mapping of pollInterval, github and registry", v));
            return null;
        }
        Duration poll = null;
        SecretSource github = null;
        SecretSource registry = null;
        for (NodeTuple t : map.getValue()) {
            String key = String.valueOf(scalar(t.getKeyNode()));
            Node n = t.getValueNode();
            switch (key) {
                case "pollInterval" -> {
                    String text = requireScalar("webhooks.pollInterval", n, errors);
                    try {
                        poll = text.isEmpty() ? null : Durations.parse(text);
                    } catch (IllegalArgumentException e) {
                        errors.add(error("webhooks.pollInterval", e.getMessage(), n));
                    }
                }
                case "github" -> github = source("webhooks.github", "secret", n, errors);
                case "registry" -> registry = source("webhooks.registry", "token", n, errors);
                default -> errors.add(error("webhooks." + key, "unknown key; known keys: "
                        + String.join(", ", new TreeSet<>(KEYS)), t.getKeyNode()));
            }
        }
        return new WebhookSettings(poll, github, registry);
    }

    /** {@code {secretFile: ...}} or {@code {secretEnv: ...}} (the registry's: tokenFile, tokenEnv). */
    private static SecretSource source(String at, String noun, Node n, List<FieldError> errors) {
        String fileKey = noun + "File";
        String envKey = noun + "Env";
        if (!(n instanceof MappingNode m)) {
            errors.add(error(at, "must be a mapping with " + fileKey + " or " + envKey, n));
            return null;
        }
        String file = null;
        String env = null;
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(scalar(t.getKeyNode()));
            if (key.equals(fileKey)) {
                file = requireScalar(at + "." + fileKey, t.getValueNode(), errors);
            } else if (key.equals(envKey)) {
                env = requireScalar(at + "." + envKey, t.getValueNode(), errors);
            } else {
                errors.add(error(at + "." + key, "unknown key; known keys: " + envKey + ", " + fileKey, t.getKeyNode()));
            }
        }
        if ((file == null) == (env == null)) {
            errors.add(error(at, "needs exactly one of " + fileKey + " and " + envKey, m));
            return null;
        }
        return file != null ? new SecretSource(at + "." + fileKey, Path.of(file), null)
                : new SecretSource(at + "." + envKey, null, env);
    }
}
