package io.jenkins.plugins.fathomable.e2e.releases;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.deploy.MockCluster;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.e2e.harness.Browser;
import io.jenkins.plugins.fathomable.e2e.harness.Clusters;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsUser;
import io.jenkins.plugins.fathomable.e2e.harness.ReleaseJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poller and releases: Jenkins' own periodic work polls a GitHub stand-in and a real {@code docker-registry}, and
 * what it detects becomes Pipeline runs of {@code fathomable-shop.payments} that render and apply to Kubernetes API
 * servers on loopback (a non-production cluster for dev, ha and preprod, a production cluster for prod, each reached
 * with its own token from Jenkins Credentials). The application is {@code examples/web-service.yaml}. An
 * administrator approves prod, holds and rolls back on the management page, in Chromium. Along the way: seed
 * scenario 1 (a changed {@code fathomable.yaml} waits for the image), scenario 2 (same tag, new digest).
 */
@Order(6)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PollerReleasesIT {

    static final String TRACKER = "shop.payments";
    static final String JOB = ReleaseJobs.job(TRACKER);
    static final String REPO = "acme/payments-api";
    static final String IMAGE = "acme/payments-api";
    static final String TAG = "1.4.2";
    static final String NONPROD_TOKEN = "e2e-nonprod-deployer-3c9a51f0";
    static final String PROD_TOKEN = "e2e-prod-deployer-8b27d4e6";
    static final List<String> ENVIRONMENTS = List.of("dev", "ha", "preprod", "prod");
    static final Duration POLL_SECONDS = Duration.ofSeconds(3);

    /** GitHub's GraphQL endpoint on the stand-in: trackers with a token are looked up there. */
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
    static final Clusters CLUSTERS = Clusters.named("nonprod", "prod");

    @RegisterExtension
    @Order(4)
    static final JenkinsGroup GROUP = JenkinsGroup.of("releases", b -> JenkinsGroup.secured(b)
            .systemProperty("io.jenkins.plugins.fathomable.engine.FathomablePoller.intervalSeconds",
                    String.valueOf(POLL_SECONDS.toSeconds()))
            .env("GITHUB_TOKEN", "ghp_e2eReleasesToken5e1d7c3a9b")
            .env("NONPROD_SA_TOKEN", NONPROD_TOKEN)
            .env("PROD_SA_TOKEN", PROD_TOKEN)
            .env("GITHUB_API_URL", GITHUB.baseUrl())
            .env("REGISTRY_HOST", REGISTRY.host())
            .env("NONPROD_API_SERVER", CLUSTERS.url("nonprod"))
            .env("PROD_API_SERVER", CLUSTERS.url("prod"))
            .cascResource("/casc/releases.yaml"));

    private static AppRepository app;
    private static ImagePusher.Pushed first;
    private static ImagePusher.Pushed second;
    private static String firstBlob;
    private static String changedBlob;
    private static Browser browser;
    private static ManagementPage page;
    private static final Trackers TRACKERS = new Trackers(GROUP);
    private static final Observations OBSERVED = new Observations("releases");

    /** The first version is in GitHub and the registry before Jenkins' first poll could see anything else. */
    @BeforeAll
    static void application() throws Exception {
        GitHubFixture github = AppRepository.gitHub(GITHUB, GRAPHQL);
        app = new AppRepository(github, REGISTRY, REPO, IMAGE);
        first = app.push(TAG);
        firstBlob = app.commit(spec("EUR", 1));
    }

    @AfterAll
    static void closeBrowserAndReport() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (GROUP.jenkins() != null) {
            OBSERVED.save(GROUP.jenkins().workDir());
        }
    }

    /** {@code examples/web-service.yaml} with its image in this group's registry, its currency and dev replicas. */
    static String spec(String currency, int devReplicas) {
        String text = AppRepository.example("web-service.yaml", "ghcr.io/acme/payments-api", app.imageRepository());
        return replaceOnce(replaceOnce(text, "      currency: EUR\n", "      currency: " + currency + "\n"),
                "    dev:\n      replicas: 1\n", "    dev:\n      replicas: " + devReplicas + "\n");
    }

    @Test
    @Order(1)
    void theFirstPollReleasesTheImageThroughEveryEnvironmentUpToProdWhichWaitsForApproval() throws Exception {
        long started = System.nanoTime();
        // at once, whether the poller has run yet or not (it answered 404 until its first pass; found by this group)
        assertThat(tracker().path("repo").asText()).as("the tracker of Configuration as Code").isEqualTo(REPO);
        awaitReleases("release 1 deployed to preprod and waiting for approval in prod", r ->
                number(r, "preprod", "deployed") == 1 && number(r, "prod", "queued") == 1);
        JsonNode tracker = tracker();
        assertThat(tracker.path("status").path("state").asText()).isEqualTo("OK");
        assertThat(tracker.path("status").path("blobSha").asText()).isEqualTo(firstBlob);
        assertThat(tracker.path("status").path("image").path("digest").asText()).isEqualTo(first.digest());
        JsonNode releases = tracker.path("releases");
        assertThat(releases.path("prod").path("waitingFor").toString()).contains("needs approval for prod");
        assertThat(releases.path("dev").path("deployed").path("image").asText()).isEqualTo(app.pinned(first));
        assertThat(releases.path("dev").path("deployed").path("origin").asText()).isEqualTo("ingested");

        List<ReleaseJobs.Run> runs = ReleaseJobs.runs(GROUP.admin(), JOB);
        assertThat(runs).extracting(r -> r.kind() + " " + r.release() + " " + r.environment() + " " + r.result())
                .containsExactly("promote 1 dev SUCCESS", "promote 1 ha SUCCESS", "promote 1 preprod SUCCESS");
        for (String env : List.of("dev", "ha", "preprod")) {
            assertRunning(CLUSTERS.get("nonprod"), "shop-" + env, first);
        }
        assertThat(CLUSTERS.requests("prod")).as("nothing reaches prod before its approval").isEmpty();
        assertThat(CLUSTERS.applies("nonprod")).isNotEmpty().allSatisfy(a -> assertThat(a.authorization())
                .as("the nonprod environments' token credential").isEqualTo("Bearer " + NONPROD_TOKEN));
        OBSERVED.note("release 1 (ingested) deployed to dev, ha, preprod in %.1f s: %d runs, %d apply requests to "
                + "nonprod; prod waits for approval", Observations.seconds(started), runs.size(),
                CLUSTERS.applies("nonprod").size());
    }

    @Test
    @Order(2)
    void theManagementPageShowsEveryEnvironmentAndApprovingProdThereDeploysIt() throws Exception {
        browser = Browser.start(GROUP.jenkins());
        browser.login(GROUP.jenkins().url(), JenkinsUser.ADMIN);
        page = new ManagementPage(browser, GROUP.jenkins(), TRACKER).open();
        for (String env : ENVIRONMENTS) {
            assertThat(page.row(env)).as(env).isNotEmpty();
        }
        assertThat(page.row("preprod")).contains("Deployed", TAG, first.digest().substring("sha256:".length(),
                "sha256:".length() + 12), "#1");
        assertThat(page.row("prod")).contains("needs approval for prod");
        page.screenshot("releases-waiting-for-approval");

        long started = System.nanoTime();
        page.click("prod", "approve");
        awaitReleases("release 1 deployed to prod", r -> number(r, "prod", "deployed") == 1);
        assertRunning(CLUSTERS.get("prod"), "shop-prod", first);
        assertThat(CLUSTERS.get("prod").client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop-prod")
                .withName("payments-api").get()).as("prod's autoscaler (examples/web-service.yaml)").isNotNull();
        assertThat(CLUSTERS.applies("prod")).isNotEmpty().allSatisfy(a -> assertThat(a.authorization())
                .as("prod's own token credential").isEqualTo("Bearer " + PROD_TOKEN));
        assertThat(history()).anySatisfy(h -> {
            assertThat(h.path("action").asText()).isEqualTo("approved");
            assertThat(h.path("actor").asText()).isEqualTo(JenkinsUser.ADMIN.name());
            assertThat(h.path("environment").asText()).isEqualTo("prod");
        });
        page.open();
        assertThat(page.row("prod")).contains("Deployed", "#1").doesNotContain("needs approval");
        assertThat(page.consoleErrors()).as("JavaScript console on Manage Jenkins » Fathomable").isEmpty();
        OBSERVED.note("approved on the management page: release 1 deployed to prod in %.1f s (%d apply requests "
                + "to prod)", Observations.seconds(started), CLUSTERS.applies("prod").size());
    }

    @Test
    @Order(3)
    void aChangedFathomableYamlAloneIsHeldAndQueuesNothing() throws Exception {
        int runsBefore = ReleaseJobs.runs(GROUP.admin(), JOB).size();
        int appliesBefore = CLUSTERS.applies("nonprod").size() + CLUSTERS.applies("prod").size();
        long started = System.nanoTime();
        changedBlob = app.commit(spec("CHF", 2));

        awaitReleases("the changed fathomable.yaml pending", r ->
                changedBlob.equals(r.path("pendingConfig").path("blobSha").asText()));
        awaitPolls(2);
        JsonNode releases = tracker().path("releases");
        for (String env : ENVIRONMENTS) {
            assertThat(releases.path(env).has("queued")).as("nothing queued in " + env + ": " + releases).isFalse();
            assertThat(releases.path(env).has("inProgress")).as(env).isFalse();
            assertThat(number(releases, env, "deployed")).as(env).isEqualTo(1);
        }
        assertThat(history()).anySatisfy(h -> {
            assertThat(h.path("action").asText()).isEqualTo("config-pending");
            assertThat(h.path("actor").asText()).isEqualTo("poller");
        });
        assertThat(ReleaseJobs.runs(GROUP.admin(), JOB)).hasSize(runsBefore);
        assertThat(CLUSTERS.applies("nonprod").size() + CLUSTERS.applies("prod").size()).isEqualTo(appliesBefore);
        page.open();
        assertThat(page.text()).contains("Pending fathomable.yaml change", changedBlob.substring(0, 12));
        OBSERVED.note("config change held: pending after %.1f s and two more polls, no release, no run, no apply",
                Observations.seconds(started));
    }

    @Test
    @Order(4)
    void aNewDigestOfTheTagReleasesTheHeldConfigWithIt() throws Exception {
        long started = System.nanoTime();
        second = app.push(TAG);
        assertThat(second.digest()).isNotEqualTo(first.digest());

        awaitReleases("release 2 deployed to preprod and waiting for approval in prod", r ->
                number(r, "preprod", "deployed") == 2 && number(r, "prod", "queued") == 2);
        JsonNode releases = tracker().path("releases");
        JsonNode release2 = releases.path("dev").path("deployed");
        assertThat(release2.path("image").asText()).isEqualTo(app.pinned(second));
        assertThat(release2.path("configBlob").asText()).as("the held config travels with the image").isEqualTo(changedBlob);
        assertThat(release2.path("origin").asText()).isEqualTo("image-updated");
        assertThat(releases.has("pendingConfig")).as("used up").isFalse();
        assertThat(history()).as("the poller queued release 2 in dev").anySatisfy(h -> {
            assertThat(h.path("actor").asText()).isEqualTo("poller");
            assertThat(h.path("action").asText()).isEqualTo("created");
            assertThat(h.path("release").asInt()).isEqualTo(2);
            assertThat(h.path("to").asText()).isEqualTo("QUEUED dev");
        });

        KubernetesClient nonprod = CLUSTERS.get("nonprod").client;
        Deployment dev = nonprod.apps().deployments().inNamespace("shop-dev").withName("payments-api").get();
        assertThat(dev.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(app.pinned(second));
        assertThat(dev.getSpec().getReplicas()).as("dev replicas of the changed file").isEqualTo(2);
        List<ConfigMap> appConfig = nonprod.configMaps().inNamespace("shop-dev").list().getItems().stream()
                .filter(c -> c.getMetadata().getName().startsWith("payments-api-app-")).toList();
        assertThat(appConfig).as("the new config map; the old one pruned").singleElement()
                .satisfies(c -> assertThat(c.getData().get("application.yaml")).contains("currency: CHF"));
        assertRunning(CLUSTERS.get("prod"), "shop-prod", first);
        OBSERVED.note("new digest: release 2 with the held config deployed to dev, ha, preprod in %.1f s; prod "
                + "waits", Observations.seconds(started));
    }

    @Test
    @Order(5)
    void holdOnThePageKeepsAnApprovedReleaseOutOfProdUntilReleased() throws Exception {
        page.open();
        page.toggleHold();
        assertThat(page.text()).contains("On hold");
        page.click("prod", "approve");
        page.screenshot("releases-held-and-approved");
        int prodApplies = CLUSTERS.applies("prod").size();
        int runs = ReleaseJobs.runs(GROUP.admin(), JOB).size();

        awaitPolls(2);
        JsonNode releases = tracker().path("releases");
        assertThat(releases.path("onHold").asBoolean()).isTrue();
        assertThat(number(releases, "prod", "queued")).isEqualTo(2);
        assertThat(releases.path("prod").path("waitingFor").toString()).contains("hold");
        assertThat(releases.path("prod").path("waitingFor").toString()).doesNotContain("needs approval");
        assertThat(ReleaseJobs.runs(GROUP.admin(), JOB)).hasSize(runs);
        assertThat(CLUSTERS.applies("prod")).hasSize(prodApplies);

        long started = System.nanoTime();
        page.open();
        page.toggleHold();
        awaitReleases("release 2 deployed to prod after the hold was released", r -> number(r, "prod", "deployed") == 2);
        assertRunning(CLUSTERS.get("prod"), "shop-prod", second);
        assertThat(tracker().path("releases").has("onHold")).isFalse();
        assertThat(history()).as("the page acts as the signed-in administrator")
                .extracting(h -> h.path("actor").asText() + " " + h.path("action").asText())
                .containsSubsequence("admin held", "admin approved", "admin unheld");
        OBSERVED.note("held on the page: approved release 2 stayed out of prod for two polls; released: in prod "
                + "after %.1f s", Observations.seconds(started));
    }

    @Test
    @Order(6)
    void rollbackOnThePageDeploysThePreviousReleaseToProdAgain() throws Exception {
        long started = System.nanoTime();
        page.open();
        page.click("prod", "rollback");
        awaitReleases("prod rolled back to release 1", r -> number(r, "prod", "deployed") == 1);
        assertRunning(CLUSTERS.get("prod"), "shop-prod", first);
        ReleaseJobs.Run last = ReleaseJobs.runs(GROUP.admin(), JOB).get(ReleaseJobs.runs(GROUP.admin(), JOB).size() - 1);
        assertThat(last.kind() + " " + last.release() + " " + last.environment() + " " + last.result())
                .isEqualTo("rollback 1 prod SUCCESS");
        assertThat(history()).anySatisfy(h -> {
            assertThat(h.path("action").asText()).isEqualTo("rolled-back");
            assertThat(h.path("release").asInt()).isEqualTo(2);
        });
        assertThat(history()).as("asked for on the page by the administrator").anySatisfy(h -> {
            assertThat(h.path("actor").asText() + " " + h.path("action").asText()).isEqualTo("admin rolling-back");
            assertThat(h.path("release").asInt()).isEqualTo(1);
            assertThat(h.path("environment").asText()).isEqualTo("prod");
        });
        page.open();
        assertThat(page.row("prod")).contains("Deployed", "#1");
        page.screenshot("releases-after-rollback");
        assertThat(page.consoleErrors()).as("JavaScript console on Manage Jenkins » Fathomable").isEmpty();
        OBSERVED.note("rolled back on the page: prod runs release 1 again after %.1f s",
                Observations.seconds(started));
    }

    @Test
    @Order(7)
    void everyDeploymentRanOnceAndEveryApplyBelongsToARun() {
        List<ReleaseJobs.Run> runs = ReleaseJobs.runs(GROUP.admin(), JOB);
        assertThat(runs).allSatisfy(r -> assertThat(r.result()).as(r.toString()).isEqualTo("SUCCESS"));
        assertThat(runs).extracting(ReleaseJobs.Run::deployment).doesNotHaveDuplicates();
        Map<String, Long> perEnvironment = runs.stream().collect(Collectors.groupingBy(
                r -> r.environment() + (r.kind().equals("rollback") ? " rollback" : ""), TreeMap::new, Collectors.counting()));
        assertThat(perEnvironment).isEqualTo(Map.of("dev", 2L, "ha", 2L, "preprod", 2L, "prod", 2L, "prod rollback", 1L));

        for (ReleaseJobs.Run run : runs) {
            assertThat(ReleaseJobs.console(GROUP.admin(), JOB, run.number())).as(run.toString())
                    .contains("Applying release " + run.release() + " of " + TRACKER + " in " + run.environment());
        }
        List<MockCluster.Request> applies = new ArrayList<>(CLUSTERS.applies("nonprod"));
        applies.addAll(CLUSTERS.applies("prod"));
        Map<String, Integer> seen = RunAccounting.appliesSeen(applies);
        assertThat(seen).as("apply requests per object = applies the runs reported")
                .isEqualTo(RunAccounting.appliedByRuns(GROUP.admin(), List.of(JOB)));
        Map<String, Integer> appliesSeen = RunAccounting.perNamespace(seen);
        OBSERVED.note("%d runs (%s), all SUCCESS, one per deployment; apply requests per namespace %s = objects "
                + "the runs applied",
                runs.size(), perEnvironment, appliesSeen);
        List<String> github = GITHUB.getAllServeEvents().stream()
                .map(e -> e.getRequest().getMethod() + " " + e.getResponse().getStatus()
                        + (e.getRequest().getUrl().endsWith("/graphql") ? " graphql" : " rest")).toList();
        OBSERVED.note("the GitHub stand-in answered %d GraphQL queries and %d REST requests (%d of them 304 Not "
                + "Modified)", github.stream().filter(l -> l.endsWith("graphql")).count(),
                github.stream().filter(l -> l.endsWith("rest")).count(),
                github.stream().filter(l -> l.contains(" 304 ")).count());
    }

    // --- helpers

    private static JsonNode tracker() {
        return TRACKERS.get(TRACKER);
    }

    private static List<JsonNode> history() {
        return TRACKERS.history(TRACKER);
    }

    private static int number(JsonNode releases, String env, String slot) {
        return Trackers.number(releases, env, slot);
    }

    private static void awaitReleases(String what, java.util.function.Predicate<JsonNode> condition)
            throws InterruptedException {
        TRACKERS.await(TRACKER, what, condition);
    }

    private static void awaitPolls(int passes) throws InterruptedException {
        TRACKERS.awaitPolls(TRACKER, passes);
    }

    /** The Deployment runs {@code image} (pinned by digest) and the Service exists in {@code namespace}. */
    private static void assertRunning(MockCluster cluster, String namespace, ImagePusher.Pushed image) {
        Deployment d = cluster.client.apps().deployments().inNamespace(namespace).withName("payments-api").get();
        assertThat(d).as("Deployment payments-api in " + namespace).isNotNull();
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).as(namespace)
                .isEqualTo(app.pinned(image));
        assertThat(cluster.client.services().inNamespace(namespace).withName("payments-api").get())
                .as("Service payments-api in " + namespace).isNotNull();
    }

    private static String replaceOnce(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new AssertionError("examples/web-service.yaml no longer has '" + from.strip() + "'");
        }
        return text.replace(from, to);
    }
}
