package io.jenkins.plugins.fathomable.e2e.casc;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.e2e.harness.Docs;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.SecretScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Configuration as Code: the administrator's guide's complete {@code jenkins.yaml} (credentials, trackers, environments,
 * registries, the release template) configures Jenkins at boot; the export shows the same settings; applying the file
 * again changes nothing; an invalid file is refused, names the field and changes nothing. The only edit to the
 * documented file: its GitHub API URL points at a stand-in on 127.0.0.1 instead of github.com, so polls stay on the
 * machine.
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigurationAsCodeIT {

    static final String GITHUB_TOKEN = "ghp_e2eCascGithubToken4f1c9a7e2b";
    static final String GHCR_TOKEN = "e2eCascGhcrRobotPassword8d3e";
    static final String PROD_SA_TOKEN = "eyJe2eCascProdServiceAccountToken51a";
    static final String REGISTRY_WEBHOOK_TOKEN = "e2eCascRegistryWebhookToken7b2d";
    static final Path CONFIG_XML = Path.of("io.jenkins.plugins.fathomable.config.FathomableConfiguration.xml");
    /** Values Configuration as Code leaves out of an export because a fresh instance has them. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "unclassified.fathomable.registries[].maxConcurrent", 4,
            "unclassified.fathomable.registries[].requestsPerSecond", 10);

    @RegisterExtension
    @Order(1)
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .resetOnEachTest(false).build();

    @RegisterExtension
    @Order(2)
    static final JenkinsGroup GROUP = JenkinsGroup.of("casc", b -> JenkinsGroup.secured(b)
                    .casc("jenkins.yaml", documentedFile())
                    .env("GITHUB_TOKEN", GITHUB_TOKEN).env("GHCR_TOKEN", GHCR_TOKEN).env("PROD_SA_TOKEN", PROD_SA_TOKEN)
                    .env("REGISTRY_WEBHOOK_TOKEN", REGISTRY_WEBHOOK_TOKEN))
            .tolerate("Failed to reload configuration", "provoked: reloading an invalid file must fail")
            .tolerate("trackers\\[0\\]\\.repo: must be owner/name", "provoked: reloading an invalid file must fail");

    static String documentedFile() {
        try {
            String yaml = Docs.adminGuideJenkinsYaml();
            assertThat(yaml).contains("githubApiUrl: \"\"");
            return yaml.replace("githubApiUrl: \"\"", "githubApiUrl: \"" + GITHUB.baseUrl() + "\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void theDocumentedFileIsAppliedAtBoot() throws Exception {
        String xml = Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML));
        assertThat(xml).contains("<id>payments.api</id>", "<repo>acme/payments-api</repo>",
                "<sourcePath>deploy/fathomable.yaml</sourcePath>", "<branch>main</branch>",
                "<credentialsId>github-token</credentialsId>", "<pollIntervalMinutes>5</pollIntervalMinutes>",
                "<webhookPollIntervalMinutes>60</webhookPollIntervalMinutes>",
                "<registryWebhookCredentialsId>registry-webhook-token</registryWebhookCredentialsId>",
                "<githubApiUrl>" + GITHUB.baseUrl() + "</githubApiUrl>", "<host>ghcr.io</host>",
                "<maxConcurrent>4</maxConcurrent>", "<requestsPerSecond>10.0</requestsPerSecond>",
                "<allowedRegistryHosts>ghcr.io, docker.io</allowedRegistryHosts>", "<name>prod</name>",
                "<serverUrl>https://prod-kube.example.com:6443</serverUrl>", "<windowCron>0 9 * * 1-4</windowCron>",
                "<windowTimeZone>Europe/Berlin</windowTimeZone>", "<approvalRequired>true</approvalRequired>",
                "echo(&apos;deployed release &apos;");
        String credentials = Files.readString(GROUP.jenkins().home().resolve("credentials.xml"));
        assertThat(credentials).contains("<id>github-token</id>", "<id>ghcr-robot</id>", "<id>registry-webhook-token</id>",
                "<id>prod-deployer-token</id>");
        for (String secret : List.of(GITHUB_TOKEN, GHCR_TOKEN, PROD_SA_TOKEN, REGISTRY_WEBHOOK_TOKEN)) {
            assertThat(credentials).doesNotContain(secret);
        }
        // at once, not only after the poller's first pass (up to a minute after boot here; it answered 404 until then)
        JenkinsClient.Response tracker = GROUP.admin().get("trackers/payments.api");
        assertThat(tracker.status()).as("%s", tracker).isEqualTo(200);
        assertThat(tracker.json().path("sourcePath").asText()).isEqualTo("deploy/fathomable.yaml");
    }

    @Test
    @Order(2)
    void theExportShowsTheSameSettings() throws Exception {
        Map<String, Object> exported = yaml(export());
        Map<String, Object> applied = yaml(documentedFile());
        Map<String, Object> fathomable = Map.of("unclassified", Map.of("fathomable", dig(applied, "unclassified", "fathomable")));
        Map<String, Object> exportedFathomable = Map.of("unclassified", Map.of("fathomable", dig(exported, "unclassified", "fathomable")));
        assertThat(SettingsDiff.differences(fathomable, exportedFathomable, DEFAULTS)).isEmpty();

        List<Map<String, Object>> credentials = credentials(exported);
        assertThat(credentials.stream().map(c -> String.valueOf(((Map<?, ?>) c.values().iterator().next()).get("id"))).toList())
                .containsExactly("github-token", "ghcr-robot", "registry-webhook-token", "prod-deployer-token");
        Map<?, ?> robot = (Map<?, ?>) credentials.get(1).get("usernamePassword");
        assertThat(robot.get("username")).isEqualTo("acme-robot");
        assertThat((String) robot.get("password")).as("exported encrypted").matches("\\{[A-Za-z0-9+/=]+}");
        String text = export();
        for (String secret : List.of(GITHUB_TOKEN, GHCR_TOKEN, PROD_SA_TOKEN, REGISTRY_WEBHOOK_TOKEN)) {
            assertThat(SecretScan.in(text, secret)).as("plain secret in the export").isFalse();
        }
    }

    @Test
    @Order(3)
    void applyingTheSameFileAgainChangesNothing() throws Exception {
        Map<String, String> before = state();
        JenkinsClient.Response reload = GROUP.admin().send("POST", "configuration-as-code/reload", Map.of(), new byte[0]);
        assertThat(reload.status()).as("reload answers with a redirect to the page: %s", reload).isEqualTo(302);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void anInvalidFileIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        Path file = GROUP.jenkins().cascFile("jenkins.yaml");
        String good = Files.readString(file);
        Map<String, String> before = state();
        // a valid change before the bad value: it must not be kept either
        String bad = good.replace("pollIntervalMinutes: 5", "pollIntervalMinutes: 7")
                .replace("repo: acme/payments-api", "repo: payments-api");
        assertThat(bad).isNotEqualTo(good).contains("pollIntervalMinutes: 7");
        Files.writeString(file, bad);
        try {
            JenkinsClient.Response refused = GROUP.admin().send("POST", "configuration-as-code/reload", Map.of(), new byte[0]);
            assertThat(refused.status()).as("%s", refused).isNotEqualTo(302);
            // Configuration as Code's error page names the attribute; the log has the plugin's whole message
            assertThat(refused.mainText()).contains("Failed to set attribute 'trackers'");
            assertThat(GROUP.jenkins().log().text()).contains("trackers[0].repo: must be owner/name, got 'payments-api'");
            assertThat(state()).isEqualTo(before);
        } finally {
            Files.writeString(file, good);
        }
        assertThat(GROUP.admin().send("POST", "configuration-as-code/reload", Map.of(), new byte[0]).status()).isEqualTo(302);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void theReadmeExampleIsValid() {
        JenkinsClient.Response check;
        try {
            check = GROUP.admin().send("POST", "configuration-as-code/check", Map.of("Content-Type", "application/x-yaml"),
                    Docs.readmeJenkinsYaml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(check.status()).as("%s", check).isEqualTo(200);
        assertThat(check.json().isArray()).isTrue();
        assertThat(check.json()).as("problems Configuration as Code finds in the README's example").isEmpty();
    }

    @Test
    @Order(6)
    void noSecretOfTheFileIsStoredInPlainText() throws Exception {
        for (String secret : List.of(GITHUB_TOKEN, GHCR_TOKEN, PROD_SA_TOKEN, REGISTRY_WEBHOOK_TOKEN)) {
            SecretScan.Findings findings = SecretScan.files(GROUP.jenkins().home(), secret);
            assertThat(findings.filesRead()).isGreaterThan(100);
            assertThat(findings.filesWithSecret()).as("files under JENKINS_HOME holding a secret in plain text").isEmpty();
        }
    }

    /** What the file controls: the plugin's settings file, the export (encrypted secrets masked), the credentials. */
    private static Map<String, String> state() throws IOException {
        Path home = GROUP.jenkins().home();
        Map<String, String> state = new TreeMap<>();
        state.put("settings file", Files.readString(home.resolve(CONFIG_XML)));
        state.put("export", maskEncrypted(export()));
        state.put("credentials.xml", maskEncrypted(Files.readString(home.resolve("credentials.xml"))));
        // not fathomable/configured-trackers.txt: the poller writes it when it copies the trackers, at its own time
        return state;
    }

    /** Secrets are encrypted afresh (new IV) at every save and export; their text differs while their value does not. */
    private static String maskEncrypted(String text) {
        return Pattern.compile("\\{AQAAAB[A-Za-z0-9+/=]+}").matcher(text).replaceAll("{encrypted}");
    }

    private static String export() {
        JenkinsClient.Response r = GROUP.admin().send("POST", "configuration-as-code/export", Map.of(), new byte[0]);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @SuppressWarnings("unchecked")
    private static Object dig(Map<String, Object> tree, String... keys) {
        Object at = tree;
        for (String k : keys) {
            assertThat(at).as("%s in the YAML", k).isInstanceOf(Map.class);
            at = ((Map<String, Object>) at).get(k);
        }
        assertThat(at).as(String.join(".", keys)).isNotNull();
        return at;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> credentials(Map<String, Object> exported) {
        List<Map<String, Object>> domains = (List<Map<String, Object>>) dig(exported, "credentials", "system", "domainCredentials");
        return domains.stream().flatMap(d -> ((List<Map<String, Object>>) d.get("credentials")).stream()).toList();
    }
}
