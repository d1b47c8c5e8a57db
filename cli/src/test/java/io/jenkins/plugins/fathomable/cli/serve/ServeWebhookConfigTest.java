package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code webhooks} section of the {@code serve} config file, and how its secrets are read. */
class ServeWebhookConfigTest {

    @TempDir
    Path dir;

    private ServeConfigFile read(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ServeConfigFile.read(f);
    }

    @Test
    void readsTheReceiversAndTheSafetyNetInterval() throws Exception {
        ServeConfigFile c = read("""
                pollInterval: 30s
                webhooks:
                  pollInterval: 15m
                  github: {secretFile: /run/secrets/gh}
                  registry:
                    tokenEnv: REGISTRY_WEBHOOK_TOKEN
                """);
        assertThat(c.webhooks()).isEqualTo(new WebhookSettings(Duration.ofMinutes(15),
                new WebhookSettings.SecretSource("webhooks.github.secretFile", Path.of("/run/secrets/gh"), null),
                new WebhookSettings.SecretSource("webhooks.registry.tokenEnv", null, "REGISTRY_WEBHOOK_TOKEN")));
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, dir, ServeSettings.DEFAULT_GITHUB_API,
                Duration.ofSeconds(30), false, ServeSettings.DEFAULT_ENVIRONMENTS, java.util.List.of(), true)
                .withWebhooks(c.webhooks());
        assertThat(settings.safetyNet().webhookInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.withWebhooks(WebhookSettings.NONE).safetyNet().webhookInterval())
                .as("12 poll intervals by default").isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void reportsMistakesByKeyAndLine() {
        assertThatThrownBy(() -> read("""
                webhooks:
                  pollInterval: often
                  github: {secretFile: /a, secretEnv: B}
                  registry: {token: x}
                  gitlab: {}
                """)).isInstanceOf(ValidationException.class).satisfies(e -> assertThat(
                ((ValidationException) e).errors()).extracting(Object::toString).containsExactly(
                "webhooks.pollInterval: 'often' is not a duration; use e.g. 2s, 1m, 1h or PT1M (line 2, column 17)",
                "webhooks.github: needs exactly one of secretFile and secretEnv (line 3, column 11)",
                "webhooks.registry.token: unknown key; known keys: tokenEnv, tokenFile (line 4, column 14)",
                "webhooks.registry: needs exactly one of tokenFile and tokenEnv (line 4, column 13)",
                "webhooks.gitlab: unknown key; known keys: github, pollInterval, registry (line 5, column 3)"));
        assertThatThrownBy(() -> read("webhooks: yes\n")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("webhooks: must be a mapping of pollInterval, github and registry");
    }

    @Test
    void secretsAreReadTrimmedAndMissingOrEmptyOnesNamed() throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "  s3cr3t\n");
        WebhookSettings.SecretSource fromFile = new WebhookSettings.SecretSource("webhooks.github.secretFile", file, null);
        assertThat(fromFile.read(Map.<String, String>of()::get).reveal()).isEqualTo("s3cr3t");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> fromFile.read(Map.<String, String>of()::get))
                .hasMessage("webhooks.github.secretFile: " + file + " is empty");
        WebhookSettings.SecretSource fromEnv = new WebhookSettings.SecretSource("webhooks.registry.tokenEnv", null, "T");
        assertThat(fromEnv.read(Map.of("T", "tok")::get).reveal()).isEqualTo("tok");
        assertThatThrownBy(() -> fromEnv.read(Map.<String, String>of()::get))
                .hasMessage("webhooks.registry.tokenEnv: the environment variable T is not set");
    }
}
