package io.jenkins.plugins.fathomable.e2e.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.core.testing.UnwritableDir;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsUser;
import io.jenkins.plugins.fathomable.e2e.harness.OpenApi;
import io.jenkins.plugins.fathomable.e2e.harness.SecretScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * REST on the Jenkins URL: the five routes with an API token (no crumb), the documented bodies of
 * {@code docs/openapi.yaml}, 401/403 without authentication, 403 without Administer on writes, 403 for a browser
 * session's POST without a crumb; a posted GitHub token becomes Credentials and is never seen again in plain text.
 * GitHub is a WireMock stand-in with api.github.com's bodies and headers; the image is in a real
 * {@code docker-registry}; both on 127.0.0.1.
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestApiIT {

    static final String TOKEN = "ghp_e2eRestPostedToken7b3f0d9c1e5a";
    static final String SECOND_TOKEN = "ghp_e2eRestSessionToken2a8c6e4f0b";
    static final String STORED_TOKEN = "ghp_e2eRestStoredToken5d1b7f3a9c";
    static final String REFUSED_TOKEN = "ghp_e2eRestRefusedToken8e2c4a6f0d";
    static final String REPO = "acme/payments";
    static final String PATH = "deploy/fathomable.yaml";
    static final String IMAGE = "acme/payments-api";

    /** GitHub's GraphQL endpoint: trackers with a token are looked up there, their files read over REST. */
    static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();

    @RegisterExtension
    @Order(1)
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL))
            .resetOnEachTest(false).build();

    @RegisterExtension
    @Order(2)
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    @Order(3)
    static final JenkinsGroup GROUP = JenkinsGroup.of("rest", b -> b.cascResource("/casc/security-systemread.yaml")
            .detachedPlugin("matrix-auth")
            .systemProperty("jenkins.security.SystemReadPermission", "true")
            // answers carry the read's outcome even on a loaded machine (READING after 5 s is PluginEngineNetworkTest's)
            .systemProperty("io.jenkins.plugins.fathomable.engine.PluginEngine.answerWithinSeconds", "120")
            // releases wait for an approval in the first environment: this group is about the API, not release runs
            .casc("fathomable.yaml", """
                    unclassified:
                      fathomable:
                        githubApiUrl: "%s"
                        environments:
                          - name: dev
                            namespace: shop-dev
                            inCluster: true
                            approvalRequired: true
                    """.formatted(GITHUB.baseUrl())))
            .tolerate("Fathomable REST request failed", "aChangeThatCannotBeStoredAnswers503AndChangesNothing makes"
                    + " JENKINS_HOME/fathomable and the tracker store unwritable on purpose");

    private static OpenApi api;
    private static String mainSha;
    private static String releaseSha;
    private static String blobSha;
    private static ImagePusher.Pushed image;

    @BeforeAll
    static void standIns() throws Exception {
        api = OpenApi.load();
        image = REGISTRY.pusher().image(IMAGE, "1.4.2");
        GitHubFixture github = new GitHubFixture(GITHUB, Instant.now().plus(Duration.ofHours(1)), GRAPHQL);
        github.repository(REPO, "main");
        github.repository("acme/orders", "main");
        mainSha = GitHubFixture.sha("main-1");
        releaseSha = GitHubFixture.sha("release-1");
        String spec = """
                apiVersion: fathomable.io/v1
                kind: Application
                metadata:
                  name: payments-api
                spec:
                  pattern: web-service
                  replicas: 2
                  image:
                    repository: %s/%s
                    tag: "1.4.2"
                  ports:
                    - name: http
                      port: 8080
                """.formatted(REGISTRY.host(), IMAGE);
        for (String[] ref : List.of(new String[] {REPO, "heads/main", mainSha}, new String[] {REPO, "heads/release", releaseSha},
                new String[] {"acme/orders", "heads/main", mainSha})) {
            github.commit(ref[0], ref[1], ref[2]);
            blobSha = github.file(ref[0], PATH, ref[2], spec);
        }
    }

    /** What Jenkins asked the GitHub stand-in, for reading a failure ({@code target/e2e/rest/github-requests.txt}). */
    @AfterAll
    static void keepGitHubRequests() throws Exception {
        if (GROUP.jenkins() != null) {
            List<String> lines = new ArrayList<>(GITHUB.getAllServeEvents().stream()
                    .map(e -> e.getResponse().getStatus() + " " + e.getRequest().getMethod() + " " + e.getRequest().getUrl()
                            + (e.getRequest().containsHeader("Authorization") ? " (with Authorization)" : ""))
                    .toList());
            java.util.Collections.reverse(lines); // WireMock lists the newest first
            java.nio.file.Files.write(GROUP.jenkins().workDir().resolve("github-requests.txt"), lines);
        }
    }

    @Test
    @Order(1)
    void withoutValidCredentialsJenkinsRefuses() {
        JenkinsClient anonymous = GROUP.anonymous();
        assertThat(anonymous.get("trackers/").status()).as("anonymous, no Overall/Read").isEqualTo(403);
        assertThat(anonymous.postJson("trackers/", body("anon.app", null)).status()).isEqualTo(403);
        JenkinsClient wrong = GROUP.anonymous().basic("admin", "11aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(wrong.get("trackers/").status()).as("a wrong API token").isEqualTo(401);
        assertThat(wrong.postJson("trackers/", body("anon.app", null)).status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void withoutAdministerWritesAreForbidden() {
        JenkinsClient reader = GROUP.reader();
        List<String> problems = new ArrayList<>();
        JenkinsClient.Response readerGet = reader.get("trackers/");
        expect(readerGet, "/trackers/", 403, "forbidden", problems);
        expect(reader.postJson("trackers/", body("read.only", TOKEN)), "/trackers/", 403, "forbidden", problems);

        JenkinsClient systemReader = GROUP.withToken(JenkinsUser.SYSTEM_READER);
        expect(systemReader.get("trackers/"), "/trackers/", 200, null, problems);
        expect(systemReader.postJson("trackers/", body("read.only", TOKEN)), "/trackers/", 403, "forbidden", problems);
        expect(systemReader.putJson("trackers/read.only", body(null, TOKEN)), "/trackers/{id}", 403, "forbidden", problems);
        expect(systemReader.delete("trackers/read.only"), "/trackers/{id}", 403, "forbidden", problems);
        assertThat(problems).isEmpty();
        assertThat(GROUP.admin().get("trackers/").json().path("trackers")).as("nothing was created").isEmpty();
    }

    @Test
    @Order(3)
    void anAdministratorCreatesReadsReplacesAndDeletesWithAnApiToken() {
        JenkinsClient admin = GROUP.admin();
        List<String> problems = new ArrayList<>();

        JenkinsClient.Response created = admin.postJson("trackers/", body("payments.api", TOKEN));
        expect(created, "/trackers/", 201, null, problems);
        assertThat(created.header("Location").orElse("")).endsWith("/trackers/payments.api");
        JsonNode tracker = created.json();
        assertThat(tracker.path("credentialsId").asText()).isEqualTo("fathomable-payments.api");
        assertThat(tracker.has("token")).isFalse();
        assertThat(tracker.path("validation").path("valid").asBoolean()).as("validation: %s", tracker.path("validation")).isTrue();
        assertThat(tracker.path("status").path("commitSha").asText()).isEqualTo(mainSha);
        assertThat(tracker.path("status").path("blobSha").asText()).isEqualTo(blobSha);
        assertThat(tracker.path("status").path("image").path("digest").asText()).isEqualTo(image.digest());
        // the stand-in saw the posted token: stored, then resolved through Jenkins Credentials at each request
        GITHUB.verify(postRequestedFor(urlPathMatching("/graphql"))
                .withHeader("Authorization", equalTo("bearer " + TOKEN)));
        GITHUB.verify(getRequestedFor(urlPathMatching("/repos/acme/payments/contents/.*"))
                .withHeader("Authorization", equalTo("bearer " + TOKEN)));

        JenkinsClient.Response credential = admin.get("credentials/store/fathomable/domain/_/credential/fathomable-payments.api/api/json");
        assertThat(credential.status()).as("%s", credential).isEqualTo(200);
        assertThat(credential.json().path("typeName").asText()).isEqualTo("Secret text");
        assertThat(credential.json().path("description").asText()).contains("payments.api");
        String credentialPage = admin.get("manage/credentials/store/fathomable/domain/_/credential/fathomable-payments.api/update").text();
        assertThat(SecretScan.in(credentialPage, TOKEN)).as("token on the credential's page").isFalse();
        assertThat(admin.get("manage/fathomable/").mainText()).contains("payments.api");
        assertThat(admin.get("manage/fathomable/tracker/payments.api/").mainText()).contains(image.digest());

        JenkinsClient.Response list = admin.get("trackers/");
        expect(list, "/trackers/", 200, null, problems);
        assertThat(list.json().path("trackers")).extracting(t -> t.path("id").asText()).containsExactly("payments.api");
        expect(admin.get("trackers/payments.api"), "/trackers/{id}", 200, null, problems);

        JenkinsClient.Response replaced = admin.putJson("trackers/payments.api", """
                {"repo": "acme/payments", "sourcePath": "deploy/fathomable.yaml", "branch": "release",
                 "credentialsId": "fathomable-payments.api"}""");
        expect(replaced, "/trackers/{id}", 200, null, problems);
        assertThat(replaced.json().path("branch").asText()).isEqualTo("release");
        assertThat(replaced.json().path("status").path("commitSha").asText()).isEqualTo(releaseSha);
        assertThat(admin.get("credentials/store/fathomable/domain/_/credential/fathomable-payments.api/api/json").status())
                .as("the stored token is kept").isEqualTo(200);

        JenkinsClient.Response deleted = admin.delete("trackers/payments.api");
        expect(deleted, "/trackers/{id}", 200, null, problems);
        assertThat(deleted.json().path("deleted").asText()).isEqualTo("payments.api");
        expect(admin.get("trackers/payments.api"), "/trackers/{id}", 404, "tracker_not_found", problems);
        assertThat(admin.get("credentials/store/fathomable/domain/_/credential/fathomable-payments.api/api/json").status())
                .as("the stored token is removed with its tracker").isEqualTo(404);
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(4)
    void errorsAnswerWithTheDocumentedBodies() {
        JenkinsClient admin = GROUP.admin();
        List<String> problems = new ArrayList<>();
        expect(admin.postJson("trackers/", body("dup.app", null)), "/trackers/", 201, null, problems);
        expect(admin.postJson("trackers/", body("dup.app", null)), "/trackers/", 409, "tracker_exists", problems);
        expect(admin.postJson("trackers/", "{\"id\": \"x.y\", "), "/trackers/", 400, "invalid_json", problems);
        expect(admin.postJson("trackers/", "[1, 2]"), "/trackers/", 400, "invalid_body", problems);
        JenkinsClient.Response unknown = admin.postJson("trackers/", "{\"id\": \"x.y\", \"repo\": \"a/b\", \"sourcePath\": \"f.yaml\", \"secret\": 1}");
        expect(unknown, "/trackers/", 400, "unknown_field", problems);
        assertThat(unknown.json().path("field").asText()).isEqualTo("secret");
        JenkinsClient.Response invalid = admin.postJson("trackers/", "{\"id\": \"x.y\", \"repo\": \"payments\", \"sourcePath\": \"../f.yaml\"}");
        expect(invalid, "/trackers/", 400, "invalid_field", problems);
        assertThat(invalid.json().path("errors")).extracting(e -> e.path("field").asText()).contains("repo", "sourcePath");
        expect(admin.send("POST", "trackers/", Map.of("Content-Type", "text/plain"), body("x.y", null).getBytes(StandardCharsets.UTF_8)),
                "/trackers/", 415, "unsupported_media_type", problems);
        String big = "{\"id\": \"x.y\", \"repo\": \"a/b\", \"sourcePath\": \"" + "a".repeat(70 * 1024) + "\"}";
        expect(admin.postJson("trackers/", big), "/trackers/", 413, "payload_too_large", problems);
        JenkinsClient.Response notAllowed = admin.postJson("trackers/dup.app", body(null, null));
        expect(notAllowed, "/trackers/{id}", 405, "method_not_allowed", problems);
        assertThat(notAllowed.header("Allow").orElse("")).contains("GET").contains("PUT").contains("DELETE");
        expect(admin.putJson("trackers/dup.app", body("other.app", null)), "/trackers/{id}", 400, null, problems);
        expect(admin.get("trackers/Not_An_Id"), "/trackers/{id}", 404, null, problems);
        expect(admin.delete("trackers/missing.app"), "/trackers/{id}", 404, "tracker_not_found", problems);
        expect(admin.delete("trackers/dup.app"), "/trackers/{id}", 200, null, problems);
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(5)
    void aBrowserSessionMustSendTheCrumbToPost() {
        JenkinsClient session = GROUP.session(JenkinsUser.ADMIN);
        JenkinsClient.Response withoutCrumb = session.postJson("trackers/", body("orders.api", SECOND_TOKEN));
        assertThat(withoutCrumb.status()).isEqualTo(403);
        assertThat(withoutCrumb.text()).contains("No valid crumb");
        assertThat(GROUP.admin().get("trackers/orders.api").status()).as("nothing created").isEqualTo(404);

        Map<String, String> headers = new java.util.LinkedHashMap<>(session.crumbHeader());
        headers.put("Content-Type", "application/json");
        JenkinsClient.Response withCrumb = session.send("POST", "trackers/", headers,
                body("orders.api", SECOND_TOKEN).replace(REPO, "acme/orders").getBytes(StandardCharsets.UTF_8));
        assertThat(withCrumb.status()).as("%s", withCrumb).isEqualTo(201);
        assertThat(api.problems("/trackers/", withCrumb)).isEmpty();
        // GET, PUT and DELETE are not crumb-checked by Jenkins; the API's own permission check still applies
        assertThat(session.delete("trackers/orders.api").status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void thePostedTokensAppearNowhereInPlainText() throws Exception {
        List<JenkinsClient.Response> journal = GROUP.anonymous().journal();
        assertThat(journal).as("responses seen").hasSizeGreaterThan(30);
        for (String token : List.of(TOKEN, SECOND_TOKEN)) {
            assertThat(journal).filteredOn(r -> SecretScan.in(r.text(), token)).as("responses showing a token").isEmpty();
            assertThat(SecretScan.in(GROUP.jenkins().log().allText(), token)).as("token in the Jenkins log").isFalse();
            SecretScan.Findings files = SecretScan.files(GROUP.jenkins().home(), token);
            assertThat(files.filesRead()).isGreaterThan(100);
            assertThat(files.filesWithSecret()).as("files under JENKINS_HOME with the token in plain text").isEmpty();
        }
        for (String page : List.of("manage/fathomable/", "manage/configure", "manage/credentials/",
                "manage/credentials/store/fathomable/domain/_/")) {
            String text = GROUP.admin().get(page).text();
            assertThat(SecretScan.in(text, TOKEN) || SecretScan.in(text, SECOND_TOKEN)).as(page).isFalse();
        }
    }

    /**
     * A change Jenkins cannot store answers 503 {@code storage_failed} and changes nothing, neither the tracker nor
     * its token in Fathomable's credentials store (in memory too: the next save would otherwise write it).
     */
    @Test
    @Order(7)
    void aChangeThatCannotBeStoredAnswers503AndChangesNothing() throws Exception {
        JenkinsClient admin = GROUP.admin();
        List<String> problems = new ArrayList<>();
        expect(admin.postJson("trackers/", body("disk.faults", STORED_TOKEN)), "/trackers/", 201, null, problems);
        Path home = GROUP.jenkins().home();

        // tracker-tokens.xml cannot be replaced: a new token, or none, is not stored, and neither is the tracker
        try (UnwritableDir ignored = UnwritableDir.of(home.resolve("fathomable"))) {
            expect(admin.putJson("trackers/disk.faults", body(null, REFUSED_TOKEN)), "/trackers/{id}", 503,
                    "storage_failed", problems);
            expect(admin.delete("trackers/disk.faults"), "/trackers/{id}", 503, "storage_failed", problems);
        }
        assertThat(problems).isEmpty();
        assertThat(storedToken(admin)).isEqualTo("stored");
        assertThat(admin.get("trackers/disk.faults").json().path("branch").asText()).isEqualTo("main");

        // the tracker cannot be written: the token written first is put back
        try (UnwritableDir ignored = UnwritableDir.of(home.resolve("fathomable").resolve("trackers"))) {
            JenkinsClient.Response replaced = admin.putJson("trackers/disk.faults", """
                    {"repo": "acme/payments", "sourcePath": "deploy/fathomable.yaml", "branch": "release",
                     "token": "%s"}""".formatted(REFUSED_TOKEN));
            expect(replaced, "/trackers/{id}", 503, "storage_failed", problems);
            assertThat(replaced.json().path("message").asText()).contains("disk.faults.json");
            expect(admin.delete("trackers/disk.faults"), "/trackers/{id}", 503, "storage_failed", problems);
        }
        assertThat(problems).isEmpty();
        assertThat(storedToken(admin)).isEqualTo("stored");
        assertThat(admin.get("trackers/disk.faults").json().path("branch").asText()).isEqualTo("main");

        assertThat(admin.delete("trackers/disk.faults").status()).isEqualTo(200);
        assertThat(storedToken(admin)).isEqualTo("none");
    }

    /** Which token Jenkins holds in memory for tracker disk.faults: {@code stored}, {@code refused} or {@code none}. */
    private static String storedToken(JenkinsClient admin) {
        return admin.groovy("""
                def c = io.jenkins.plugins.fathomable.credentials.FathomableCredentialsProvider.store()
                        .getCredentials(com.cloudbees.plugins.credentials.domains.Domain.global())
                        .find { it.id == 'fathomable-disk.faults' }
                print(c == null ? 'none' : c.secret.plainText == '%s' ? 'stored'
                        : c.secret.plainText == '%s' ? 'refused' : 'other')
                """.formatted(STORED_TOKEN, REFUSED_TOKEN)).trim();
    }

    /** A tracker body for {@link #REPO}; {@code id} and {@code token} left out when null. */
    private static String body(String id, String token) {
        return "{" + (id == null ? "" : "\"id\": \"" + id + "\", ") + "\"repo\": \"" + REPO + "\", \"sourcePath\": \"" + PATH
                + "\", \"branch\": \"main\"" + (token == null ? "" : ", \"token\": \"" + token + "\"") + "}";
    }

    /** The status, the documented body for it and, for errors, the {@code error} code. */
    private static void expect(JenkinsClient.Response r, String template, int status, String error, List<String> problems) {
        if (r.status() != status) {
            problems.add("expected " + status + ": " + r);
            return;
        }
        problems.addAll(api.problems(template, r));
        if (error != null && !error.equals(r.json().path("error").asText())) {
            problems.add("expected error " + error + ": " + r);
        }
    }
}
