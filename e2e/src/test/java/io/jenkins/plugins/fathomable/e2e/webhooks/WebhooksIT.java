package io.jenkins.plugins.fathomable.e2e.webhooks;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.WebhookPayloads;
import io.jenkins.plugins.fathomable.core.webhook.Secrets;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.OpenApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks and release operations on the Jenkins URL. GitHub's deliveries come through the GitHub plugin's
 * {@code /github-webhook/}, signed with its shared secret (a Jenkins credential); a real {@code docker-registry}
 * sends its notifications to {@code /fathomable-webhook/registry} with the bearer token of another credential. The
 * poll interval is a day and the one pass after the start is over before the first push, so every release here was
 * queued by a webhook. Releases run as Pipeline runs of a template that deploys nothing (and fails once for the
 * tracker {@code shop.flaky}, to have something to retry).
 */
@Order(10)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT {

    static final String HOOK_SECRET = "e2e-github-hook-" + "2f9c4a7d1b";
    static final String REGISTRY_TOKEN = "e2e-registry-hook-" + "8d3e5b0a6c";

    @RegisterExtension
    @Order(1)
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).resetOnEachTest(false).build();

    @RegisterExtension
    @Order(2)
    static final RegistryServer REGISTRY = RegistryServer.anonymous().notifying("Bearer " + REGISTRY_TOKEN);

    @RegisterExtension
    @Order(3)
    static final JenkinsGroup GROUP = JenkinsGroup.of("webhooks", b -> JenkinsGroup.secured(b)
            .env("E2E_HOOK_SECRET", HOOK_SECRET)
            .env("E2E_REGISTRY_TOKEN", REGISTRY_TOKEN)
            .casc("fathomable.yaml", """
                    credentials:
                      system:
                        domainCredentials:
                          - credentials:
                              - string:
                                  scope: SYSTEM
                                  id: github-hook-secret
                                  secret: "${E2E_HOOK_SECRET}"
                              - string:
                                  scope: SYSTEM
                                  id: registry-webhook-token
                                  secret: "${E2E_REGISTRY_TOKEN}"
                    unclassified:
                      githubpluginconfig:
                        hookSecretConfigs:
                          - credentialsId: github-hook-secret
                            signatureAlgorithm: SHA256
                      fathomable:
                        githubApiUrl: "%s"
                        pollIntervalMinutes: 1440
                        registryWebhookCredentialsId: registry-webhook-token
                        releasePipelineTemplate: |
                          // deploys nothing; the second run of shop.flaky fails, so that it can be retried
                          if ({{tracker}} == 'shop.flaky' && currentBuild.number == 2) {
                              currentBuild.result = 'FAILURE'
                          }
                        environments:
                          - name: dev
                            order: 10
                            namespace: shop-dev
                            inCluster: true
                          - name: prod
                            order: 20
                            namespace: shop-prod
                            inCluster: true
                            approvalRequired: true
                    """.formatted(GITHUB.baseUrl())));

    private static GitHubFixture github;
    private static OpenApi openApi;
    private static final Map<String, Integer> commits = new LinkedHashMap<>();

    @BeforeAll
    static void standIns() throws Exception {
        openApi = OpenApi.load();
        github = new GitHubFixture(GITHUB, Instant.now().plus(Duration.ofHours(1)));
        // github-branch-source's connector checks the API root before it reads anything for anonymous trackers
        GITHUB.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/")).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"current_user_url\":\"" + GITHUB.baseUrl()
                        + "/user\",\"rate_limit_url\":\"" + GITHUB.baseUrl() + "/rate_limit\",\"repository_url\":\""
                        + GITHUB.baseUrl() + "/repos/{owner}/{repo}\"}")
                        .withHeader("X-GitHub-Media-Type", "github.v3; format=json")));
        REGISTRY.receiveWith(n -> GROUP.jenkins() == null ? 503 : GROUP.anonymous().send("POST",
                "fathomable-webhook/registry", headers(n), n.body()).status());
    }

    private static Map<String, String> headers(RegistryServer.Notification n) {
        Map<String, String> h = new LinkedHashMap<>();
        for (String name : List.of("Authorization", "Content-Type")) {
            if (n.header(name) != null) {
                h.put(name, n.header(name));
            }
        }
        return h;
    }

    private static String image(String name) {
        return REGISTRY.host() + "/shop/" + name;
    }

    /** A commit on main of acme/{repo} whose fathomable.yaml follows shop/{image}:{tag}; its SHA. */
    private static String publish(String repo, String image, String tag) {
        int n = commits.merge(repo, 1, Integer::sum);
        String sha = GitHubFixture.sha("acme/" + repo + n);
        github.repository("acme/" + repo, "main");
        github.commit("acme/" + repo, "heads/main", sha);
        github.file("acme/" + repo, "fathomable.yaml", sha, """
                apiVersion: fathomable.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  pattern: worker
                  image:
                    repository: %s
                    tag: "%s"
                """.formatted(repo, image(image), tag));
        return sha;
    }

    private static JsonNode tracker(String id) {
        JenkinsClient.Response r = GROUP.admin().get("trackers/" + id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static JsonNode await(String id, String what, Predicate<JsonNode> condition) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 1200; i++) {
            last = tracker(id);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never saw " + what + " of " + id + "; last: " + last);
    }

    private static Predicate<JsonNode> deployed(String env, int release) {
        return t -> t.path("releases").path(env).path("deployed").path("number").asInt() == release;
    }

    private static Predicate<JsonNode> queued(String env, int release) {
        return t -> t.path("releases").path(env).path("queued").path("number").asInt() == release;
    }

    private static Predicate<JsonNode> created(int release) {
        return t -> actions(t).contains("created " + release);
    }

    private static List<String> actions(JsonNode t) {
        List<String> out = new ArrayList<>();
        t.path("releases").path("recentHistory").forEach(h -> out.add(h.path("action").asText()
                + (h.has("release") ? " " + h.path("release").asInt() : "")));
        return out;
    }

    private static JenkinsClient.Response gitHub(String event, String delivery, byte[] body, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("User-Agent", "GitHub-Hookshot/e2e");
        h.put("X-GitHub-Event", event);
        h.put("X-GitHub-Delivery", delivery);
        if (signature != null) {
            h.put("X-Hub-Signature-256", signature);
        }
        return GROUP.anonymous().send("POST", "github-webhook/", h, body);
    }

    private static JenkinsClient.Response signed(String event, String delivery, byte[] body) {
        return gitHub(event, delivery, body, Secrets.signature(Secret.of(HOOK_SECRET), body));
    }

    private static JenkinsClient.Response operation(JenkinsClient client, String path) {
        return client.send("POST", "trackers/" + path, Map.of(), null);
    }

    /** The state every test but the refusals changes: releases and history of each tracker. */
    private static Map<String, String> snapshot() {
        Map<String, String> all = new LinkedHashMap<>();
        for (JsonNode t : GROUP.admin().get("trackers/").json().path("trackers")) {
            String id = t.path("id").asText();
            all.put(id, tracker(id).path("releases").toString() + tracker(id).path("status").path("lastPoll"));
        }
        return all;
    }

    @Test
    @Order(1)
    void trackersAreCreatedAndTheFirstPassIsOver() throws Exception {
        REGISTRY.pusher().image("shop/web", "1.0.0");
        REGISTRY.pusher().image("shop/web", "2.0.0");
        REGISTRY.pusher().image("shop/api", "1.0.0");
        REGISTRY.pusher().image("shop/api", "1.1.0");
        REGISTRY.pusher().image("shop/flaky", "1.0.0");
        publish("web", "web", "1.0.0");
        publish("worker", "web", "2.0.0");
        publish("api", "api", "1.0.0");
        publish("flaky", "flaky", "1.0.0");
        JenkinsClient admin = GROUP.admin();
        for (String name : List.of("web", "worker", "api", "flaky")) {
            JenkinsClient.Response r = admin.postJson("trackers/", "{\"id\": \"shop." + name + "\", \"repo\": \"acme/"
                    + name + "\", \"sourcePath\": \"fathomable.yaml\"}");
            assertThat(r.status()).as("%s", r).isEqualTo(201);
        }
        for (String name : List.of("web", "worker", "api", "flaky")) {
            await("shop." + name, "release 1 in dev, waiting for approval in prod",
                    deployed("dev", 1).and(queued("prod", 1)));
        }
        // the periodic task polls once after the start (within a minute), then not for a day
        Path pollLog = GROUP.jenkins().home().resolve("logs/tasks/Fathomable poll.log");
        for (int i = 0; i < 900 && !(Files.exists(pollLog) && Files.readString(pollLog).contains("polled ")); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(pollLog)).contains("polled ");
    }

    @Test
    @Order(2)
    void aRegistryNotificationQueuesTheReleaseOfTheTrackerOfThatTagOnly() throws Exception {
        Map<String, String> before = snapshot();
        int mark = REGISTRY.logMark();
        Instant pushed = Instant.now();

        String digest = REGISTRY.pusher().image("shop/web", "1.0.0").digest();

        JsonNode web = await("shop.web", "release 2", created(2));
        System.out.println("e2e: [webhooks] registry push to release 2 created: "
                + Duration.between(pushed, Instant.now()).toMillis() + " ms (measured by polling the REST API)");
        await("shop.web", "release 2 in dev", deployed("dev", 2));
        web = tracker("shop.web");
        assertThat(web.path("releases").path("dev").path("deployed").path("image").asText()).endsWith("@" + digest);
        assertThat(web.path("status").path("lastWebhook").path("registry").asText()).isNotEmpty();
        assertThat(openApi.problems("/trackers/{id}", GROUP.admin().get("trackers/shop.web"))).isEmpty();
        assertThat(REGISTRY.requestsSince(mark)).filteredOn(l -> l.startsWith("HEAD /v2/") || l.contains("/tags/list"))
                .as("one HEAD of the pushed tag, nothing else").containsExactly("HEAD /v2/shop/web/manifests/1.0.0 200");
        Map<String, String> after = snapshot();
        for (String other : List.of("shop.worker", "shop.api", "shop.flaky")) {
            assertThat(after.get(other)).as(other + " (worker follows another tag of shop/web)")
                    .isEqualTo(before.get(other));
        }
    }

    @Test
    @Order(3)
    void aSignedGitHubPushQueuesTheReleaseOfTheTrackerOfThatRepositoryOnly() throws Exception {
        Map<String, String> before = snapshot();
        int served = github.served().size();
        String after = publish("api", "api", "1.1.0");

        JenkinsClient.Response r = signed("push", UUID.randomUUID().toString(),
                WebhookPayloads.push("acme/api", "refs/heads/main", after));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode api = await("shop.api", "release 2 in dev", deployed("dev", 2));
        assertThat(api.path("releases").path("dev").path("deployed").path("tag").asText()).isEqualTo("1.1.0");
        assertThat(api.path("releases").path("dev").path("deployed").path("configCommit").asText()).isEqualTo(after);
        assertThat(api.path("status").path("lastWebhook").path("github").asText()).isNotEmpty();
        org.jsoup.nodes.Element hooks = GROUP.admin().get("manage/fathomable/tracker/shop.api/").html()
                .getElementById("fathomable-webhooks");
        assertThat(hooks.select("[data-source=github] time").attr("datetime"))
                .as("the tracker's page shows the delivery's time").isEqualTo(api.path("status").path("lastWebhook").path("github").asText());
        assertThat(github.served().subList(served, github.served().size())).isNotEmpty()
                .allMatch(l -> l.contains("/repos/acme/api"));
        Map<String, String> now = snapshot();
        for (String other : List.of("shop.web", "shop.worker", "shop.flaky")) {
            assertThat(now.get(other)).as(other).isEqualTo(before.get(other));
        }
    }

    @Test
    @Order(4)
    void badSignaturesReplaysUnknownRepositoriesMalformedBodiesAndWrongTokensChangeNothing() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String after = publish("worker", "web", "1.0.0");
        byte[] push = WebhookPayloads.push("acme/worker", "refs/heads/main", after);
        assertThat(signed("push", delivery, push).status()).isEqualTo(200);
        await("shop.worker", "release 2", created(2));
        Thread.sleep(1000); // its run, and the webhook time, are written by now
        Map<String, String> before = snapshot();
        int served = github.served().size();
        int mark = REGISTRY.logMark();
        publish("worker", "web", "2.0.0"); // a change each refused delivery would find

        List<JenkinsClient.Response> refused = new ArrayList<>();
        refused.add(signed("push", delivery, push)); // a replay: acknowledged, ignored
        refused.add(gitHub("push", UUID.randomUUID().toString(), push, null));
        refused.add(gitHub("push", UUID.randomUUID().toString(), push,
                Secrets.signature(Secret.of("not-the-secret"), push)));
        refused.add(signed("push", UUID.randomUUID().toString(),
                WebhookPayloads.push("someone/else", "refs/heads/main", "f".repeat(40))));
        refused.add(signed("push", UUID.randomUUID().toString(), "{\"ref\": \"refs/heads/main\", \"repo".getBytes()));
        JenkinsClient.Response wrongToken = GROUP.anonymous().send("POST", "fathomable-webhook/registry",
                Map.of("Authorization", "Bearer guessed", "Content-Type", "application/json"),
                WebhookPayloads.distribution(REGISTRY.host(), "shop/web", "2.0.0"));
        JenkinsClient.Response noToken = GROUP.anonymous().send("POST", "fathomable-webhook/registry",
                Map.of("Content-Type", "application/json"), WebhookPayloads.distribution(REGISTRY.host(), "shop/web",
                        "2.0.0"));
        JenkinsClient.Response malformed = GROUP.anonymous().send("POST", "fathomable-webhook/registry",
                Map.of("Authorization", "Bearer " + REGISTRY_TOKEN, "Content-Type", "application/json"),
                "{\"events\": 7}".getBytes());

        assertThat(refused.get(0).status()).isEqualTo(200);
        assertThat(refused.get(1).status()).as("unsigned, refused by the GitHub plugin").isEqualTo(400);
        assertThat(refused.get(2).status()).as("wrongly signed").isEqualTo(400);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(wrongToken.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("invalid_body");
        Thread.sleep(2000); // a look would be done by now
        assertThat(snapshot()).isEqualTo(before);
        assertThat(github.served()).hasSize(served);
        assertThat(REGISTRY.requestsSince(mark)).noneMatch(l -> l.startsWith("HEAD /v2/") || l.contains("/tags/list"));
    }

    @Test
    @Order(5)
    void everyOperationWorksFromRestForAdministratorsOnly() throws Exception {
        JenkinsClient admin = GROUP.admin();
        JenkinsClient reader = GROUP.reader();
        JenkinsClient anonymous = GROUP.anonymous();
        List<String> paths = List.of("shop.web/releases/2/approve?environment=prod", "shop.web/hold",
                "shop.web/unhold", "shop.web/rollback?environment=dev", "shop.web/releases/2/reject",
                "shop.flaky/releases/1/retry");
        String before = tracker("shop.web").path("releases").toString();
        for (String path : paths) {
            JenkinsClient.Response r = operation(reader, path);
            assertThat(r.status()).as("reader: %s", path).isEqualTo(403);
            assertThat(r.json().path("error").asText()).isEqualTo("forbidden");
            assertThat(operation(anonymous, path).status()).as("anonymous: %s", path).isEqualTo(403);
        }
        JenkinsClient session = GROUP.session(io.jenkins.plugins.fathomable.e2e.harness.JenkinsUser.ADMIN);
        assertThat(operation(session, "shop.web/hold").status()).as("a session without the crumb").isEqualTo(403);
        assertThat(tracker("shop.web").path("releases").toString()).isEqualTo(before);

        // approve: release 2 of shop.web waits for prod
        JenkinsClient.Response approved = operation(admin, "shop.web/releases/2/approve?environment=prod");
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(openApi.problems("/trackers/{id}/releases/{release}/approve", approved)).isEmpty();
        await("shop.web", "release 2 in prod", deployed("prod", 2));
        JenkinsClient.Response again = operation(admin, "shop.web/releases/1/approve?environment=prod");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("release 1 is SUPERSEDED");
        assertThat(openApi.problems("/trackers/{id}/releases/{release}/approve", again)).isEmpty();

        // hold, a new image meanwhile, unhold
        assertThat(operation(admin, "shop.web/hold").json().path("releases").path("onHold").asBoolean()).isTrue();
        REGISTRY.pusher().image("shop/web", "1.0.0");
        JsonNode held = await("shop.web", "release 3 held in dev", queued("dev", 3));
        assertThat(held.path("releases").path("dev").path("waitingFor").toString()).contains("on hold");
        assertThat(operation(admin, "shop.web/unhold").status()).isEqualTo(200);
        await("shop.web", "release 3 in dev", deployed("dev", 3).and(queued("prod", 3)));

        // reject release 3 at prod; roll dev back to release 2
        JenkinsClient.Response rejected = operation(admin, "shop.web/releases/3/reject?reason=not+this+one");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().path("releases").path("prod").has("queued")).isFalse();
        JenkinsClient.Response rollback = operation(admin, "shop.web/rollback?environment=dev");
        assertThat(rollback.status()).as("%s", rollback).isEqualTo(200);
        await("shop.web", "dev rolled back to release 2", deployed("dev", 2));
        JenkinsClient.Response noPrevious = operation(admin, "shop.web/rollback?environment=prod");
        assertThat(noPrevious.status()).isEqualTo(409);
        assertThat(noPrevious.json().path("message").asText()).isEqualTo("prod has no previous release to roll back to");

        // retry: shop.flaky's second run fails (its template), the retry succeeds
        REGISTRY.pusher().image("shop/flaky", "1.0.0");
        JsonNode failed = await("shop.flaky", "release 2 failed in dev", t -> actions(t).contains("failed 2"));
        assertThat(failed.path("releases").path("dev").path("deployed").path("number").asInt()).isEqualTo(1);
        assertThat(operation(admin, "shop.flaky/releases/2/retry").status()).isEqualTo(200);
        await("shop.flaky", "release 2 in dev after the retry", deployed("dev", 2));

        assertThat(operation(admin, "shop.web/releases/99/retry").status()).isEqualTo(404);
        assertThat(operation(admin, "shop.web/rollback?environment=staging").status()).isEqualTo(400);
        List<String> byAdmin = new ArrayList<>();
        tracker("shop.web").path("releases").path("recentHistory").forEach(h -> {
            if (h.path("actor").asText().equals("admin")) {
                byAdmin.add(h.path("action").asText());
            }
        });
        assertThat(byAdmin).containsSubsequence("approved", "held", "unheld", "rejected", "rolling-back");
    }
}
