package io.jenkins.plugins.fathomable.e2e.releases;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.deploy.MockCluster;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.e2e.harness.Clusters;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsUser;
import io.jenkins.plugins.fathomable.e2e.harness.ReleaseJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restart: Jenkins is stopped and started again, and later killed ({@code SIGKILL}) and started again, each time in
 * the middle of releases: a release run that has applied and waits for its Deployment to be ready, a release run
 * waiting in Jenkins' build queue (scheduled while Jenkins prepared for shutdown), and releases waiting in
 * Fathomable's own environment queues. After each start every tracker (one from Configuration as Code, one created
 * through REST), every history entry and every queued item is still there, the interrupted run carries on without
 * applying again, the queued run runs once, and no deployment ever has a second run.
 */
@Order(7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    static final String PAYMENTS = "shop.payments";
    static final String INVOICES = "shop.invoices";
    static final String GITHUB_TOKEN = "ghp_e2eRestartToken8f2a4c6e1d";

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
    static final Clusters CLUSTERS = Clusters.named("shop");

    @RegisterExtension
    @Order(4)
    static final JenkinsGroup GROUP = JenkinsGroup.of("restart", b -> JenkinsGroup.secured(b)
            .systemProperty("io.jenkins.plugins.fathomable.engine.FathomablePoller.intervalSeconds", "3")
            .env("GITHUB_TOKEN", GITHUB_TOKEN)
            .env("SHOP_SA_TOKEN", "e2e-shop-deployer-51be07c2")
            .env("GITHUB_API_URL", GITHUB.baseUrl())
            .env("REGISTRY_HOST", REGISTRY.host())
            .env("SHOP_API_SERVER", CLUSTERS.url("shop"))
            .cascResource("/casc/restart.yaml"));

    private static final Trackers TRACKERS = new Trackers(GROUP);
    private static final Observations OBSERVED = new Observations("restart");
    private static AppRepository payments;
    private static AppRepository invoices;

    /**
     * payments' first Deployment in dev will not become ready until the test says so: its release run applies and
     * then waits, which is where the first restart finds it.
     */
    @BeforeAll
    static void applications() throws Exception {
        CLUSTERS.holdBack("shop-dev", "payments-api");
        GitHubFixture github = AppRepository.gitHub(GITHUB, GRAPHQL);
        payments = new AppRepository(github, REGISTRY, "acme/payments-api", "acme/payments-api");
        payments.push("1.4.2");
        payments.commit(AppRepository.example("web-service.yaml", "ghcr.io/acme/payments-api", payments.imageRepository()));
        invoices = new AppRepository(github, REGISTRY, "acme/invoice-worker", "acme/invoice-worker");
        invoices.push("2.3.0");
        invoices.commit(AppRepository.example("worker.yaml", "ghcr.io/acme/invoice-worker", invoices.imageRepository()));
    }

    @AfterAll
    static void report() throws Exception {
        if (GROUP.jenkins() != null) {
            OBSERVED.save(GROUP.jenkins().workDir());
        }
    }

    @Test
    @Order(1)
    void aStopAndStartInTheMiddleOfReleasesLosesNothingAndRunsNothingTwice() throws Exception {
        JenkinsClient admin = GROUP.admin();
        // payments release 1: its run applied to dev and waits for readiness
        Until.runWaitingForReadiness(admin, PAYMENTS, 1);
        // payments release 2 (same tag, new digest): waits in Fathomable's dev queue while dev is busy
        payments.push("1.4.2");
        TRACKERS.await(PAYMENTS, "release 2 queued in dev", r -> Trackers.number(r, "dev", "queued") == 2);
        // Prepare for shutdown, then a new tracker through REST: its first release run waits in Jenkins' queue
        assertThat(admin.postForm("quietDown", Map.of()).status()).isIn(200, 302);
        JenkinsClient.Response created = admin.postJson("trackers/", """
                {"id": "shop.invoices", "repo": "acme/invoice-worker", "sourcePath": "deploy/fathomable.yaml",
                 "branch": "main", "token": "%s"}""".formatted(GITHUB_TOKEN));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        ReleaseJobs.QueueItem queued = Until.queued(admin, INVOICES, 1);

        Snapshot before = Snapshot.take(admin);
        int appliesBefore = appliesOf("shop-dev", "payments-api");
        GROUP.exitCleanly();
        Map<String, List<String>> historyBefore = StoredHistory.read(GROUP.jenkins().home());
        long started = System.nanoTime();
        GROUP.jenkins().startAgain();
        OBSERVED.note("shut down (POST /exit) and started again in %.1f s, with: payments release 1 applied in dev and waiting for "
                + "readiness (run #1), release 2 queued in dev; invoices release 1 in Jenkins' queue (%s)",
                Observations.seconds(started), queued.why());

        Snapshot after = Snapshot.take(admin);
        Map<String, List<String>> historyAfter = StoredHistory.read(GROUP.jenkins().home());
        before.assertKeptIn(after, historyAfter);
        StoredHistory.assertKept(historyBefore, historyAfter);
        assertNotQuietingDown(admin);
        JsonNode paymentsReleases = TRACKERS.releases(PAYMENTS);
        assertThat(paymentsReleases.path("dev").path("inProgress").path("release").asInt()).isEqualTo(1);
        assertThat(Trackers.number(paymentsReleases, "dev", "queued")).as("Fathomable's queue").isEqualTo(2);

        // the queued run runs once; the interrupted run resumes without applying again
        TRACKERS.await(INVOICES, "release 1 deployed to dev", r -> Trackers.number(r, "dev", "deployed") == 1);
        assertPolledWithItsPostedToken(INVOICES);
        assertThat(ReleaseJobs.console(admin, ReleaseJobs.job(PAYMENTS), 1)).contains("resuming after a restart");
        assertThat(appliesOf("shop-dev", "payments-api")).as("apply requests for payments in dev").isEqualTo(appliesBefore);
        CLUSTERS.release("shop-dev", "payments-api");
        TRACKERS.await(PAYMENTS, "release 2 deployed to dev", r -> Trackers.number(r, "dev", "deployed") == 2);
        assertOneRunPerDeployment(admin);
        OBSERVED.note("after the restart: %d tracker(s), %d history entries kept; payments run #1 resumed and "
                + "finished without a second apply (%d apply requests for payments in dev, before and after); the "
                + "queued invoices run ran once; its posted token still used", after.trackers().size(), historyBefore.values().stream()
                .mapToInt(List::size).sum(), appliesBefore);
    }

    @Test
    @Order(2)
    void aKilledJenkinsLosesNothingAndRunsNothingTwice() throws Exception {
        JenkinsClient admin = GROUP.admin();
        TRACKERS.await(INVOICES, "release 1 waiting for approval in prod", r -> Trackers.number(r, "prod", "queued") == 1);
        TRACKERS.await(PAYMENTS, "release 2 waiting for approval in prod", r -> Trackers.number(r, "prod", "queued") == 2);
        CLUSTERS.holdBack("shop-prod", "invoice-worker");
        JenkinsClient.Response approved = GROUP.session(JenkinsUser.ADMIN).postFormWithCrumb("manage/fathomable/approve",
                Map.of("tracker", INVOICES, "release", "1", "environment", "prod"));
        assertThat(approved.status()).as("%s", approved).isEqualTo(302);
        int run = Until.runWaitingForReadiness(admin, INVOICES, 1).number();
        assertThat(admin.postForm("quietDown", Map.of()).status()).isIn(200, 302);
        invoices.push("2.4.0");
        ReleaseJobs.QueueItem queued = Until.queued(admin, INVOICES, 2);

        Snapshot before = Snapshot.take(admin);
        int appliesBefore = appliesOf("shop-prod", "invoice-worker");
        GROUP.jenkins().kill();
        Map<String, List<String>> historyBefore = StoredHistory.read(GROUP.jenkins().home());
        long started = System.nanoTime();
        GROUP.jenkins().startAgain();
        OBSERVED.note("killed and started again in %.1f s, with: invoices release 1 applied in prod and waiting for "
                + "readiness (run #%d), release 2 in Jenkins' queue (%s); payments release 2 waiting for approval in "
                + "prod", Observations.seconds(started), run, queued.why());

        Snapshot after = Snapshot.take(admin);
        Map<String, List<String>> historyAfter = StoredHistory.read(GROUP.jenkins().home());
        before.assertKeptIn(after, historyAfter);
        StoredHistory.assertKept(historyBefore, historyAfter);
        assertNotQuietingDown(admin);
        assertThat(Trackers.number(TRACKERS.releases(PAYMENTS), "prod", "queued")).as("Fathomable's queue").isEqualTo(2);

        TRACKERS.await(INVOICES, "release 2 deployed to dev", r -> Trackers.number(r, "dev", "deployed") == 2);
        assertPolledWithItsPostedToken(INVOICES);
        assertThat(ReleaseJobs.console(admin, ReleaseJobs.job(INVOICES), run)).contains("resuming after a restart");
        assertThat(appliesOf("shop-prod", "invoice-worker")).as("apply requests for invoices in prod")
                .isEqualTo(appliesBefore);
        CLUSTERS.release("shop-prod", "invoice-worker");
        TRACKERS.await(INVOICES, "release 1 deployed to prod", r -> Trackers.number(r, "prod", "deployed") == 1);
        assertOneRunPerDeployment(admin);
        boolean requeued = GROUP.jenkins().log().text().contains("release 2 of shop.invoices to dev has no queued or "
                + "running release run and none ran; queuing its run again");
        OBSERVED.note("after the kill: %d tracker(s), %d history entries kept; invoices run #%d resumed and finished "
                + "without a second apply (%d apply requests in prod); the queued run ran once (%s)",
                after.trackers().size(), historyBefore.values().stream().mapToInt(List::size).sum(), run, appliesBefore,
                requeued ? "Jenkins had not saved its queue yet: Fathomable queued the run again"
                        : "Jenkins had saved its queue");
    }

    @Test
    @Order(3)
    void everyRunSucceededOnceAndEveryApplyBelongsToARun() {
        JenkinsClient admin = GROUP.admin();
        List<String> runs = new ArrayList<>();
        for (String tracker : List.of(PAYMENTS, INVOICES)) {
            for (ReleaseJobs.Run run : ReleaseJobs.runs(admin, ReleaseJobs.job(tracker))) {
                assertThat(run.result()).as(run.toString()).isEqualTo("SUCCESS");
                runs.add(tracker + " " + run);
            }
        }
        Map<String, Integer> seen = RunAccounting.appliesSeen(CLUSTERS.applies("shop"));
        assertThat(seen).as("apply requests per object = applies the runs reported")
                .isEqualTo(RunAccounting.appliedByRuns(admin, List.of(ReleaseJobs.job(PAYMENTS), ReleaseJobs.job(INVOICES))));
        assertThat(GROUP.jenkins().log().allText()).doesNotContain("could not be queued again");
        OBSERVED.note("%d runs, all SUCCESS, one per deployment: %s; %d apply requests, each reported by a run",
                runs.size(), runs, seen.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** Apply requests for the objects of application {@code app} (named {@code app}, {@code app-...}) in {@code namespace}. */
    private static int appliesOf(String namespace, String app) {
        return (int) CLUSTERS.applies("shop").stream().map(a -> RunAccounting.objectOfPath(a.path()))
                .filter(o -> o.startsWith(namespace + "/") && o.substring(o.lastIndexOf('/') + 1).startsWith(app))
                .count();
    }

    /**
     * The token posted with the tracker is still in Jenkins and is used: the tracker polls OK after the start (Configuration
     * as Code, which rewrites the system credentials store at every start, must not have taken it).
     */
    private static void assertPolledWithItsPostedToken(String tracker) throws InterruptedException {
        TRACKERS.awaitPolls(tracker, 1);
        JsonNode status = TRACKERS.get(tracker).path("status");
        assertThat(status.path("state").asText()).as("%s", status).isEqualTo("OK");
        assertThat(GROUP.admin().get("credentials/store/fathomable/domain/_/credential/fathomable-" + tracker
                + "/api/json").status()).as("its token in Fathomable's credentials store").isEqualTo(200);
    }

    private static void assertOneRunPerDeployment(JenkinsClient admin) {
        for (String tracker : List.of(PAYMENTS, INVOICES)) {
            assertThat(ReleaseJobs.runs(admin, ReleaseJobs.job(tracker))).extracting(ReleaseJobs.Run::deployment)
                    .as(tracker).doesNotHaveDuplicates();
        }
    }

    /** What a script sees through REST: each tracker's definition and its recent history. */
    private record Snapshot(Map<String, String> trackers, Map<String, List<String>> recentHistory) {

        static Snapshot take(JenkinsClient admin) {
            Map<String, String> trackers = new TreeMap<>();
            Map<String, List<String>> recent = new TreeMap<>();
            for (JsonNode t : admin.get("trackers/").json().path("trackers")) {
                String id = t.path("id").asText();
                trackers.put(id, t.path("repo").asText() + " " + t.path("sourcePath").asText() + " "
                        + t.path("branch").asText() + " " + t.path("credentialsId").asText());
                List<String> lines = new ArrayList<>();
                TRACKERS.history(id).forEach(h -> lines.add(StoredHistory.line(h)));
                recent.put(id, lines);
            }
            return new Snapshot(trackers, recent);
        }

        /** Every tracker is still defined as before, and every history entry the API showed is stored. */
        void assertKeptIn(Snapshot after, Map<String, List<String>> storedAfter) {
            assertThat(after.trackers()).as("trackers").isEqualTo(trackers);
            recentHistory.forEach((id, lines) -> StoredHistory.assertContains(storedAfter.get(id), lines,
                    "history of " + id + " shown before the restart"));
        }
    }

    /** Jenkins does not keep "prepare for shutdown" across a start; if it ever did, release runs would never start. */
    private static void assertNotQuietingDown(JenkinsClient admin) {
        assertThat(admin.get("api/json?tree=quietingDown").json().path("quietingDown").asBoolean())
                .as("quieting down after the start").isFalse();
    }

    /** Waiting for release runs to reach a point. */
    private static final class Until {

        /** The run of {@code tracker}'s release {@code release} once it has applied and waits for readiness. */
        static ReleaseJobs.Run runWaitingForReadiness(JenkinsClient admin, String tracker, int release)
                throws InterruptedException {
            String job = ReleaseJobs.job(tracker);
            return io.jenkins.plugins.fathomable.e2e.harness.Await.value(tracker + " release " + release
                    + " applied and waiting for readiness", Trackers.FLOW, () -> ReleaseJobs.runs(admin, job).stream()
                    .filter(r -> r.release() == release && r.building()
                            && ReleaseJobs.console(admin, job, r.number()).contains("Waiting up to"))
                    .findFirst(), () -> ReleaseJobs.runs(admin, job).toString());
        }

        /** The queue item of {@code tracker}'s release {@code release}, once it waits in Jenkins' build queue. */
        static ReleaseJobs.QueueItem queued(JenkinsClient admin, String tracker, int release)
                throws InterruptedException {
            return io.jenkins.plugins.fathomable.e2e.harness.Await.value(tracker + " release " + release
                    + " in Jenkins' queue", Trackers.FLOW, () -> ReleaseJobs.queue(admin).stream()
                    .filter(q -> q.job().equals(ReleaseJobs.job(tracker))
                            && String.valueOf(release).equals(q.parameters().get("FATHOMABLE_RELEASE")))
                    .findFirst(), () -> ReleaseJobs.queue(admin) + " " + TRACKERS.get(tracker));
        }
    }
}
