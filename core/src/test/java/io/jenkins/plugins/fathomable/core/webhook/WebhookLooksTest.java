package io.jenkins.plugins.fathomable.core.webhook;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.WebhookRoutes;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.engine.TrackingEngine;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.testing.RecordingSleeper;
import io.jenkins.plugins.fathomable.core.testing.WebhookPayloads;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the engine: a real {@code docker-registry} sending its notifications, GitHub on WireMock, signed
 * deliveries through {@link WebhookRoutes}. Each delivery looks at exactly the trackers it concerns (checked on the
 * registry's access log and WireMock's journal) and queues the right release; refused deliveries change nothing.
 */
class WebhookLooksTest {

    private static final String SECRET = "gh-webhook-" + "5e1f9c0a7b";
    private static final String TOKEN = "wh-registry-" + "3d8a6b2c4e";

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous().notifying("Bearer " + TOKEN);

    private static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL)).build();

    @TempDir
    Path state;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<DeploymentRequest> handedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    private GitHubFixture github;
    private ExecutorService pollThreads;
    private FileTrackerStore store;
    private TrackingEngine engine;
    private WebhookRoutes routes;
    private String prefix;
    private final Map<String, String> commits = new TreeMap<>();
    /** one:1.0.0 as the set-up pushed it. */
    private ImagePusher.Pushed oneAtFirst;
    /** Looks scheduled again (a notification that overtook its tag), run by the test when it chooses. */
    private final List<Map.Entry<Duration, Runnable>> later = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Duration> laterDelays = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        github = new GitHubFixture(WM, clock.instant().plus(Duration.ofHours(1)), GRAPHQL);
        pollThreads = Executors.newFixedThreadPool(2);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        REGISTRY.receiveWith(n -> 200);
        RequestCounter counter = new RequestCounter();
        RegistryClient registry = new RegistryClient(HttpClient.newHttpClient(),
                new RegistryConfig(Map.of(), new RegistryConfig.Limits(4, 1000, 3, Duration.ofMillis(100),
                        Duration.ofSeconds(5))), CredentialsPort.none(), counter, clock, new RecordingSleeper(clock));
        store = new FileTrackerStore(state.resolve("trackers"));
        engine = new TrackingEngine(store, github.reader(CredentialsPort.none(),
                GitHubLimits.DEFAULT, state.resolve("cache"), counter, clock), registry,
                new io.jenkins.plugins.fathomable.core.engine.SpecImagePolicyReader(), FlowConfig.defaults(),
                reporter -> request -> {
                    // every deployment is ready at once; the test sees what entered dev
                    if (request.environment().equals("dev")) {
                        handedOut.add(request);
                    }
                    reporter.completed(request.id(), DeploymentOutcome.ready("run:" + request.id()));
                }, clock, pollThreads, log::add, (delay, task) -> {
                    laterDelays.add(delay);
                    later.add(Map.entry(delay, task));
                });
        routes = new WebhookRoutes(engine.webhooks(), () -> Optional.of(Secret.of(SECRET)),
                () -> Optional.of(Secret.of(TOKEN)), e -> { throw e; });

        // a: one:1.0.0 on acme/a's default branch; b: one:2.0.0 on acme/b's main; c: two:1.0 at tag v1 of acme/c;
        // s: one ^1.0 (SemVer); p: three:1.0 at a pinned commit of acme/p
        List<ImagePusher.Pushed> pushed = new ArrayList<>();
        for (String[] image : new String[][] {{"one", "1.0.0"}, {"one", "1.1.0"}, {"one", "2.0.0"}, {"two", "1.0"},
                {"three", "1.0"}}) {
            pushed.add(push(image[0], image[1]));
        }
        oneAtFirst = pushed.get(0);
        tracker("a", null, null, "tag: \"1.0.0\"", "one");
        tracker("b", "main", null, "tag: \"2.0.0\"", "one");
        tracker("c", null, "v1", "tag: \"1.0\"", "two");
        tracker("s", null, null, "semver: \"^1.0\"", "one");
        tracker("p", null, null, "tag: \"1.0\"", "three");
        for (ImagePusher.Pushed p : pushed) {
            awaitNotification(p.digest()); // the set-up's own notifications are out of the way
        }
        assertThat(handedOut).extracting(r -> r.tracker().toString()).containsExactlyInAnyOrder(
                id("a"), id("b"), id("c"), id("s"), id("p"));
        handedOut.clear();
        assertThat(laterDelays).as("no notification of the set-up overtook its tag").isEmpty();
    }

    @AfterEach
    void tearDown() throws Exception {
        REGISTRY.receiveWith(n -> 200);
        // a look still writing would race the removal of the state directory
        await("the webhook looks to finish", () -> engine.webhooks().idle());
        pollThreads.shutdownNow();
    }

    // --- fixtures -----------------------------------------------------------------------------------------------

    private String id(String name) {
        return "shop." + prefix + name;
    }

    private String repo(String name) {
        return "acme/" + prefix + name;
    }

    private String image(String name) {
        return REGISTRY.host() + "/" + prefix + "/" + name;
    }

    private ImagePusher.Pushed push(String name, String tag) throws Exception {
        return REGISTRY.pusher().image(prefix + "/" + name, tag);
    }

    private static String spec(String image, String policy) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: api\nspec:\n  pattern: worker\n"
                + "  image:\n    repository: " + image + "\n    " + policy + "\n";
    }

    /** A new commit at {@code ref} (heads/x, tags/x) of {@code repo(name)} with this file; its SHA. */
    private String publish(String name, String ref, String content) {
        String sha = GitHubFixture.sha(name + ref + content + commits.size() + prefix);
        commits.put(name + ref, sha);
        github.repository(repo(name), "main");
        github.commit(repo(name), ref, sha);
        github.file(repo(name), "fathomable.yaml", sha, content);
        return sha;
    }

    private void tracker(String name, String branch, String tag, String policy, String imageName) {
        String content = spec(image(imageName), policy);
        String ref = tag != null ? "tags/" + tag : "heads/" + (branch != null ? branch : "main");
        String sha = publish(name, ref, content);
        String commit = name.equals("p") ? sha : null;
        Tracker t = Tracker.of(id(name), repo(name), "fathomable.yaml", tag, branch, commit, null);
        assertThat(engine.trackers().createIfAbsent(t)).isTrue();
        assertThat(engine.ingestor().ingest(t).valid()).as(name).isTrue();
    }

    private void awaitNotification(String digest) throws Exception {
        await("the registry's notification of " + digest, () -> REGISTRY.notifications().stream()
                .anyMatch(n -> new String(n.body()).contains(digest)));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never saw " + what);
    }

    private ApiResponse gitHub(String event, String delivery, byte[] body, String signature) {
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("X-GitHub-Event", List.of(event));
        headers.put("X-GitHub-Delivery", List.of(delivery));
        headers.put("Content-Type", List.of("application/json"));
        if (signature != null) {
            headers.put("X-Hub-Signature-256", List.of(signature));
        }
        return routes.handle(new ApiRequest("POST", "/webhooks/github", headers, body, Caller.anonymous()));
    }

    private ApiResponse signed(String event, String delivery, byte[] body) {
        return gitHub(event, delivery, body, Secrets.signature(Secret.of(SECRET), body));
    }

    private ApiResponse registry(RegistryServer.Notification n) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(n.headers());
        return routes.handle(new ApiRequest("POST", "/webhooks/registry", headers, n.body(), Caller.anonymous()));
    }

    private List<HistoryEntry> history(String name) {
        return store.get(TrackerId.parse(id(name))).orElseThrow().history();
    }

    private TrackerRecord record(String name) {
        return store.get(TrackerId.parse(id(name))).orElseThrow();
    }

    private List<String> registryLookups(int mark) throws Exception {
        return REGISTRY.requestsSince(mark).stream().filter(l -> l.startsWith("HEAD /v2/" + prefix + "/")
                && l.contains("/manifests/") || l.contains("/tags/list")).map(l -> l.substring(0, l.lastIndexOf(' ')))
                .toList();
    }

    private Map<String, byte[]> stateFiles() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(state.resolve("trackers"))) {
            for (Path f : all.toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    // --- tests --------------------------------------------------------------------------------------------------

    @Test
    void aRegistryPushQueuesAReleaseForTheTrackersOfThatTagOnly() throws Exception {
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        REGISTRY.receiveWith(n -> {
            int status = registry(n).status();
            statuses.add(status);
            return status;
        });
        int mark = REGISTRY.logMark();
        int gitHubBefore = github.served().size();

        String digest = push("one", "1.0.0").digest();

        await("release 2 of a handed out", () -> handedOut.stream().anyMatch(r -> r.tracker().toString().equals(id("a"))));
        await("the look to finish", () -> log.stream().anyMatch(l -> l.startsWith("webhook: looked at 2 trackers")));
        assertThat(handedOut).singleElement().satisfies(r -> {
            assertThat(r.environment()).isEqualTo("dev");
            assertThat(r.release().number()).isEqualTo(2);
            assertThat(r.release().image().pinned()).isEqualTo(image("one") + "@" + digest);
        });
        assertThat(statuses).contains(202);
        // a (one:1.0.0) and s (one ^1.0) looked at: the pushed tag, and s's tag list and its best tag; nothing else
        assertThat(registryLookups(mark)).containsExactlyInAnyOrder(
                "HEAD /v2/" + prefix + "/one/manifests/1.0.0", "GET /v2/" + prefix + "/one/tags/list?n=100",
                "HEAD /v2/" + prefix + "/one/manifests/1.1.0");
        assertThat(github.served().subList(gitHubBefore, github.served().size()))
                .allMatch(l -> l.contains(repo("a")) || l.contains(repo("s")));
        for (String untouched : List.of("b", "c", "p")) {
            assertThat(history(untouched)).as(untouched).noneMatch(h -> h.release() != null && h.release() == 2);
        }
        await("the webhook times", () -> record("a").webhooks().registry() != null);
        assertThat(record("b").webhooks().registry()).as("b follows another tag of the same repository").isNotNull();
        assertThat(record("s").webhooks().registry()).isNotNull();
        assertThat(record("c").webhooks().isEmpty()).isTrue();
        assertThat(record("a").webhooks().github()).isNull();
        assertThat(laterDelays).as("the look saw the announced digest: no second look").isEmpty();
    }

    /** The notification of {@code digest}'s push, captured (not delivered). */
    private RegistryServer.Notification notificationOf(String digest) throws Exception {
        awaitNotification(digest);
        return REGISTRY.notifications().stream().filter(n -> new String(n.body()).contains(digest)).findFirst()
                .orElseThrow();
    }

    /** A distribution notification of one:1.0.0 announcing {@code digest}, with event ids not seen before. */
    private ApiResponse announce(String digest) {
        byte[] body = WebhookPayloads.load("registry-distribution.json", Map.of("host", REGISTRY.host(),
                "repository", prefix + "/one", "tag", "1.0.0", "digest", digest));
        return routes.handle(new ApiRequest("POST", "/webhooks/registry", Map.of("Authorization",
                List.of("Bearer " + TOKEN)), body, Caller.anonymous()));
    }

    /** Runs the one look scheduled again, and waits for it to finish. */
    private void runLater() throws Exception {
        assertThat(later).as("one look scheduled again").hasSize(1);
        Runnable task = later.remove(0).getValue();
        int looks = (int) log.stream().filter(l -> l.startsWith("webhook: looked at")).count();
        task.run();
        await("the look again", () -> log.stream().filter(l -> l.startsWith("webhook: looked at")).count() > looks
                && engine.webhooks().idle());
    }

    /**
     * A notification that overtakes its tag: {@code docker-registry} says one:1.0.0 is the new digest while a HEAD
     * of the tag still answers the old one. The look finds nothing new, looks again after a back-off, and queues the
     * release once the registry has moved the tag; each look is one HEAD.
     */
    @Test
    void aNotificationThatOvertakesItsTagIsLookedAtAgainUntilTheTagMoves() throws Exception {
        ImagePusher.Pushed old = oneAtFirst;
        ImagePusher.Pushed next = push("one", "1.0.0"); // the new manifest; its notification is held back
        RegistryServer.Notification early = notificationOf(next.digest());
        REGISTRY.pusher().tag(prefix + "/one", "1.0.0", old); // the tag as it was when the notification went out
        notificationOf(old.digest());
        int mark = REGISTRY.logMark();

        assertThat(registry(early).status()).isEqualTo(202);
        await("the first look", () -> log.stream().anyMatch(l -> l.startsWith("webhook: looked at 2 trackers"))
                && engine.webhooks().idle());
        assertThat(handedOut).as("the tag still shows the old digest").isEmpty();
        assertThat(laterDelays).containsExactly(Duration.ofMillis(250));
        assertThat(engine.webhooks().rechecking()).isTrue();

        runLater(); // the registry has not moved the tag yet: back off longer
        assertThat(handedOut).isEmpty();
        assertThat(laterDelays).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(1));

        REGISTRY.pusher().tag(prefix + "/one", "1.0.0", next);
        runLater();
        await("release 2 of a", () -> !handedOut.isEmpty());
        assertThat(handedOut).singleElement().satisfies(r -> {
            assertThat(r.tracker().toString()).isEqualTo(id("a"));
            assertThat(r.release().image().pinned()).as("read from the registry").isEqualTo(image("one") + "@"
                    + next.digest());
        });
        assertThat(later).as("no look after the tag moved").isEmpty();
        assertThat(engine.webhooks().rechecking()).isFalse();
        // the first look: a's tag, s's tag list and best tag; then a's tag alone, once per look again
        String head = "HEAD /v2/" + prefix + "/one/manifests/1.0.0";
        assertThat(registryLookups(mark)).containsExactlyInAnyOrder(head, "GET /v2/" + prefix
                + "/one/tags/list?n=100", "HEAD /v2/" + prefix + "/one/manifests/1.1.0", head, head);
    }

    /** A notification whose digest never shows up costs a bounded number of looks, then is left to the poll. */
    @Test
    void lookingAgainIsBoundedAndStopsWhenTheTrackerMovedElsewhere() throws Exception {
        ImagePusher.Pushed old = oneAtFirst;
        ImagePusher.Pushed next = push("one", "1.0.0");
        RegistryServer.Notification early = notificationOf(next.digest());
        REGISTRY.pusher().tag(prefix + "/one", "1.0.0", old); // and the tag never moves to next
        notificationOf(old.digest());
        int mark = REGISTRY.logMark();

        registry(early);
        await("the first look", () -> log.stream().anyMatch(l -> l.startsWith("webhook: looked at 2 trackers"))
                && engine.webhooks().idle());
        for (int i = 0; i < Rechecks.DELAYS.size(); i++) {
            runLater();
        }
        assertThat(laterDelays).containsExactlyElementsOf(Rechecks.DELAYS);
        assertThat(later).isEmpty();
        assertThat(engine.webhooks().rechecking()).isFalse();
        assertThat(handedOut).isEmpty();
        assertThat(log).anyMatch(l -> l.contains(id("a") + " still shows 1.0.0@" + old.digest()) && l.contains(
                "left to the poll"));
        String head = "HEAD /v2/" + prefix + "/one/manifests/1.0.0";
        assertThat(registryLookups(mark).stream().filter(head::equals)).hasSize(1 + Rechecks.DELAYS.size());

        // again, but this time another push moves the tag before the look again: that look queues it and stops
        laterDelays.clear();
        assertThat(announce(next.digest()).status()).as("a redelivery with new event ids").isEqualTo(202);
        await("the look", () -> laterDelays.size() == 1 && engine.webhooks().idle());
        ImagePusher.Pushed newer = push("one", "1.0.0");
        runLater();
        await("release 2 of a", () -> !handedOut.isEmpty());
        assertThat(handedOut.get(0).release().image().digest()).isEqualTo(newer.digest());
        assertThat(later).isEmpty();
        assertThat(engine.webhooks().rechecking()).isFalse();
    }

    @Test
    void aSemVerTrackerSeesANewTagPushed() throws Exception {
        REGISTRY.receiveWith(n -> registry(n).status());
        String digest = push("one", "1.5.0").digest();
        await("release 2 of s", () -> handedOut.stream().anyMatch(r -> r.tracker().toString().equals(id("s"))));
        assertThat(handedOut).singleElement().satisfies(r -> {
            assertThat(r.release().image().tag()).isEqualTo("1.5.0");
            assertThat(r.release().image().digest()).isEqualTo(digest);
            assertThat(r.release().origin()).isEqualTo("new-image-version");
        });
    }

    @Test
    void aSignedGitHubPushQueuesTheReleaseOfTheTrackerOnThatBranch() throws Exception {
        int mark = github.served().size();
        String after = publish("b", "heads/main", spec(image("one"), "tag: \"1.1.0\""));

        ApiResponse r = signed("push", UUID.randomUUID().toString(), WebhookPayloads.push(repo("b"), "refs/heads/main",
                after));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(202);
        assertThat(r.bodyText()).contains("\"trackers\":[\"" + id("b") + "\"]");
        await("release 2 of b", () -> !handedOut.isEmpty());
        assertThat(handedOut).singleElement().satisfies(d -> {
            assertThat(d.tracker().toString()).isEqualTo(id("b"));
            assertThat(d.release().image().tag()).isEqualTo("1.1.0");
            assertThat(d.release().config().commitSha()).isEqualTo(after);
        });
        assertThat(github.served().subList(mark, github.served().size())).isNotEmpty()
                .allMatch(l -> l.contains(repo("b")));
        await("b's GitHub webhook time", () -> record("b").webhooks().github() != null);

        // a push to another branch of the same repository concerns nobody: looked at by no one
        int before = github.served().size();
        ApiResponse other = signed("push", UUID.randomUUID().toString(), WebhookPayloads.push(repo("b"),
                "refs/heads/feature", "c".repeat(40)));
        assertThat(other.status()).isEqualTo(202);
        assertThat(other.bodyText()).contains("\"trackers\":[]");
        Thread.sleep(200);
        assertThat(github.served()).hasSize(before);
    }

    @Test
    void aTagCreatedMovesTheTrackerFollowingItAndAPinnedCommitNever() throws Exception {
        String after = publish("c", "tags/v1", spec(image("two"), "tag: \"1.0\"\n  replicas: 2"));
        push("two", "1.0"); // and a new digest, so that the config goes out
        REGISTRY.receiveWith(n -> 200); // left to the tag's own webhook
        ApiResponse r = signed("create", UUID.randomUUID().toString(), WebhookPayloads.load("github-create.json",
                Map.of("repo", repo("c"), "ref", "v1", "ref_type", "tag")));
        assertThat(r.status()).as(r.bodyText()).isEqualTo(202);
        await("release 2 of c", () -> !handedOut.isEmpty());
        assertThat(handedOut.get(0).release().config().commitSha()).isEqualTo(after);

        ApiResponse pinned = signed("push", UUID.randomUUID().toString(), WebhookPayloads.push(repo("p"),
                "refs/heads/main", "d".repeat(40)));
        assertThat(pinned.bodyText()).contains("\"trackers\":[]");
    }

    @Test
    void badSignaturesReplaysUnknownRepositoriesAndMalformedBodiesChangeNothing() throws Exception {
        String delivery = UUID.randomUUID().toString();
        publish("a", "heads/main", spec(image("one"), "tag: \"1.1.0\""));
        byte[] push = WebhookPayloads.push(repo("a"), "refs/heads/main", "e".repeat(40));
        assertThat(signed("push", delivery, push).status()).isEqualTo(202);
        await("release 2 of a", () -> !handedOut.isEmpty());
        await("a's webhook time", () -> record("a").webhooks().github() != null);
        Thread.sleep(200);
        handedOut.clear();
        Map<String, byte[]> before = stateFiles();
        int gitHubBefore = github.served().size();
        int registryMark = REGISTRY.logMark();

        ApiResponse replay = signed("push", delivery, push);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.bodyText()).contains("\"outcome\":\"duplicate\"");
        assertThat(gitHub("push", UUID.randomUUID().toString(), push, null).status()).isEqualTo(401);
        assertThat(gitHub("push", UUID.randomUUID().toString(), push,
                Secrets.signature(Secret.of("not the secret"), push)).status()).isEqualTo(401);
        byte[] tampered = WebhookPayloads.push(repo("b"), "refs/heads/main", "e".repeat(40));
        assertThat(gitHub("push", UUID.randomUUID().toString(), tampered,
                Secrets.signature(Secret.of(SECRET), push)).status()).as("a signature of another body").isEqualTo(401);
        ApiResponse unknown = signed("push", UUID.randomUUID().toString(),
                WebhookPayloads.push("someone/else", "refs/heads/main", "f".repeat(40)));
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.bodyText()).contains("\"trackers\":[]", "no tracker follows it");
        ApiResponse malformed = signed("push", UUID.randomUUID().toString(), "{\"ref\": \"refs/heads/main\"".getBytes());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.bodyText()).contains("\"error\":\"invalid_body\"");
        ApiResponse wrongBearer = routes.handle(new ApiRequest("POST", "/webhooks/registry",
                Map.of("Authorization", List.of("Bearer nope")), WebhookPayloads.distribution(REGISTRY.host(),
                        prefix + "/one", "1.0.0"), Caller.anonymous()));
        assertThat(wrongBearer.status()).isEqualTo(401);
        ApiResponse notRegistry = routes.handle(new ApiRequest("POST", "/webhooks/registry",
                Map.of("Authorization", List.of("Bearer " + TOKEN)), "{\"events\":5}".getBytes(), Caller.anonymous()));
        assertThat(notRegistry.status()).isEqualTo(400);
        ApiResponse get = routes.handle(new ApiRequest("GET", "/webhooks/github", Map.of(), null, Caller.anonymous()));
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");

        Thread.sleep(300); // a look would have started by now
        assertThat(handedOut).isEmpty();
        assertThat(stateFiles()).as("no tracker file changed").allSatisfy((name, bytes) ->
                assertThat(bytes).as(name).isEqualTo(before.get(name)));
        assertThat(github.served()).hasSize(gitHubBefore);
        assertThat(registryLookups(registryMark)).isEmpty();
    }

    @Test
    void withoutASecretTheRouteDoesNotExist() {
        WebhookRoutes none = new WebhookRoutes(engine.webhooks(), Optional::empty, Optional::empty, e -> { });
        byte[] push = WebhookPayloads.push(repo("a"), "refs/heads/main", "e".repeat(40));
        ApiResponse r = none.handle(new ApiRequest("POST", "/webhooks/github", Map.of("X-Hub-Signature-256",
                List.of(Secrets.signature(Secret.of(SECRET), push))), push, Caller.anonymous()));
        assertThat(r.status()).isEqualTo(404);
        assertThat(none.handle(new ApiRequest("POST", "/webhooks/registry", Map.of(), push, Caller.anonymous()))
                .status()).isEqualTo(404);
    }

    @Test
    void pingAnswersAndMarksTheRepository() throws Exception {
        ApiResponse pong = signed("ping", UUID.randomUUID().toString(), WebhookPayloads.load("github-ping.json",
                Map.of("repo", repo("a"))));
        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.bodyText()).contains("pong");
        await("a's GitHub webhook time", () -> record("a").webhooks().github() != null);
        assertThat(handedOut).isEmpty();
    }

    @Test
    void trackersWhoseWebhooksFlowArePolledOnlyAsASafetyNet() throws Exception {
        SafetyNet net = new SafetyNet(Duration.ofMinutes(1), null);
        signed("ping", UUID.randomUUID().toString(), WebhookPayloads.load("github-ping.json", Map.of("repo", repo("a"))));
        REGISTRY.receiveWith(n -> registry(n).status());
        push("one", "1.0.0");
        await("a's webhook times", () -> record("a").webhooks().github() != null
                && record("a").webhooks().registry() != null);
        await("the look to finish", () -> log.stream().anyMatch(l -> l.startsWith("webhook: looked at")));
        assertThat(net.interval(record("a"), clock.instant(), engine.webhooks())).isEqualTo(Duration.ofMinutes(12));
        assertThat(net.interval(record("b"), clock.instant(), engine.webhooks()))
                .as("b's repository sent nothing").isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1));
        Instant pass = clock.instant();
        var report = engine.pollDue(net, java.time.Duration.ZERO);
        assertThat(report.trackers()).as("every tracker but a").isEqualTo(4);
        assertThat(store.get(TrackerId.parse(id("a"))).orElseThrow().observation().lastPoll()).isBefore(pass);
        assertThat(record("b").observation().lastPoll()).isEqualTo(pass);

        clock.advance(Duration.ofSeconds(1)); // a pass by hand right after: b has no webhooks, so it is polled again
        assertThat(engine.pollDue(net, java.time.Duration.ZERO).trackers()).as("every tracker but a").isEqualTo(4);

        clock.advance(Duration.ofMinutes(11).minusSeconds(1));
        assertThat(engine.pollDue(net, java.time.Duration.ZERO).trackers()).as("a's safety-net poll is due").isEqualTo(5);

        clock.advance(Duration.ofMinutes(13)); // no delivery for longer than the safety-net interval
        assertThat(net.interval(record("a"), clock.instant(), engine.webhooks())).isEqualTo(Duration.ofMinutes(1));
    }
}
