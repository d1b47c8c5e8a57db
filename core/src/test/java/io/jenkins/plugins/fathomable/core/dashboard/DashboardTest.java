package io.jenkins.plugins.fathomable.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.Blocker;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview of trackers in every state, as the real release engine leaves them in a real store. */
class DashboardTest {

    @TempDir
    Path dir;

    Scene scene;
    TrackerId payments;
    TrackerId cart;
    TrackerId search;
    TrackerId orders;
    TrackerId billing;

    @BeforeEach
    void trackersInEveryState() {
        scene = new Scene(dir);
        payments = scene.ingested("shop.payments", "1.4.2", 1);
        scene.ready(payments, "dev");
        cart = scene.ingested("shop.cart", "2.0.0", 2);
        scene.failed(cart, "dev", "smoke test failed: checkout answered 503");
        search = scene.ingested("shop.search", "0.9.1", 3);
        scene.ready(search, "dev");
        scene.engine.hold(search, "ada");
        orders = scene.ingested("shop.orders", "3.1.0", 4);
        scene.ready(orders, "dev");
        scene.engine.approve(orders, 1, "prod", "ada");
        billing = scene.ingested("billing.api", "1.0.0", 5);
        scene.ready(billing, "dev");
        scene.pollFailed(billing, TrackerObservation.Status.ERROR, "GitHub client could not be created: Server "
                + "returned HTTP response code: -1, message: 'null' for URL: https://api.github.com/rate_limit");
        scene.configured.add(Scene.tracker("ops.backup", "acme/backup", GitRef.tag("v2.0.0")));
        scene.later(Duration.ofMinutes(90)); // soak of prod passed for everything deployed in dev
        scene.engine.reconcile();
        scene.ready(orders, "prod");
        scene.later(Duration.ofMinutes(12));
    }

    private Row row(Overview o, TrackerId id) {
        return o.rows().stream().filter(r -> r.id().equals(id.toString())).findFirst().orElseThrow();
    }

    @Test
    void oneRowPerTrackerOneCellPerEnvironmentInFlowOrder() {
        Overview o = scene.dashboard().overview(OverviewQuery.all());
        assertThat(o.environments()).containsExactly("dev", "prod");
        assertThat(o.rows()).extracting(Row::id).containsExactly("billing.api", "ops.backup", "shop.cart",
                "shop.orders", "shop.payments", "shop.search");
        assertThat(o.total()).isEqualTo(6);
        assertThat(o.matching()).isEqualTo(6);
        assertThat(o.groups()).containsExactly("billing", "ops", "shop");
        assertThat(o.rows()).allSatisfy(r -> assertThat(r.cells()).extracting(Cell::environment)
                .containsExactly("dev", "prod"));
    }

    @Test
    void deployedCellsShowVersionDigestReleaseAndWhen() {
        Row r = row(scene.dashboard().overview(OverviewQuery.all()), orders);
        assertThat(r.cells()).extracting(Cell::state).containsExactly(CellState.DEPLOYED, CellState.DEPLOYED);
        Cell prod = r.cells().get(1);
        assertThat(prod.deployed().version()).isEqualTo("3.1.0");
        assertThat(prod.deployed().shortDigest()).isEqualTo("000000000000");
        assertThat(prod.deployed().number()).isEqualTo(1);
        assertThat(prod.deployedAt().relative()).isEqualTo("12 min ago");
        assertThat(prod.deployedAt().exact()).isEqualTo("2026-11-23 09:30:00 UTC");
        assertThat(prod.runUrl()).isEqualTo("job/fathomable-shop.orders/6/");
        assertThat(r.source()).isEqualTo("acme/orders@main");
        assertThat(r.refUrl()).isEqualTo("https://github.com/acme/orders/tree/main");
    }

    @Test
    void aReleaseWaitingForAPersonSaysSo() {
        Row r = row(scene.dashboard().overview(OverviewQuery.all()), payments);
        Cell prod = r.cells().get(1);
        assertThat(prod.state()).isEqualTo(CellState.WAITING);
        assertThat(prod.waitingFor()).containsExactly(Blocker.Kind.APPROVAL);
        assertThat(prod.reasons()).containsExactly("needs approval for prod");
        assertThat(prod.moving().number()).isEqualTo(1);
        assertThat(prod.deployed()).isNull();
        assertThat(r.cells().get(0).state()).isEqualTo(CellState.DEPLOYED);
    }

    @Test
    void soakAndApprovalTogetherPutTheApprovalFirst() {
        TrackerId fresh = scene.ingested("shop.fresh", "1.0.0", 9);
        scene.ready(fresh, "dev");
        Cell prod = row(scene.dashboard().overview(OverviewQuery.all()), fresh).cells().get(1);
        assertThat(prod.waitingFor()).containsExactly(Blocker.Kind.APPROVAL, Blocker.Kind.SOAK);
        assertThat(prod.reasons()).contains("soaking in dev until 2026-11-23T10:42:00Z");
    }

    @Test
    void aFailedDeploymentShowsItsReason() {
        Cell dev = row(scene.dashboard().overview(OverviewQuery.all()), cart).cells().get(0);
        assertThat(dev.state()).isEqualTo(CellState.FAILED);
        assertThat(dev.reasons()).containsExactly("smoke test failed: checkout answered 503");
        assertThat(dev.moving().version()).isEqualTo("2.0.0");
        assertThat(dev.deployed()).isNull();
        assertThat(dev.runUrl()).isEqualTo("job/fathomable-shop.cart/2/");
    }

    @Test
    void aHeldTrackerHoldsWhatWaitsAndKeepsWhatIsDeployed() {
        Row r = row(scene.dashboard().overview(OverviewQuery.all()), search);
        assertThat(r.held()).isTrue();
        assertThat(r.cells()).extracting(Cell::state).containsExactly(CellState.DEPLOYED, CellState.HELD);
        assertThat(r.cells().get(1).waitingFor().get(0)).isEqualTo(Blocker.Kind.HOLD);
    }

    @Test
    void aRunningDeploymentIsDeploying() {
        TrackerId busy = scene.ingested("shop.busy", "1.0.0", 7);
        Cell dev = row(scene.dashboard().overview(OverviewQuery.all()), busy).cells().get(0);
        assertThat(dev.state()).isEqualTo(CellState.DEPLOYING);
        assertThat(dev.moving().number()).isEqualTo(1);
        assertThat(dev.movingAt().relative()).isEqualTo("just now");
        assertThat(dev.rollback()).isFalse();
    }

    @Test
    void theRowHeaderSaysWhatWentWrongInWords() {
        Row r = row(scene.dashboard().overview(OverviewQuery.all()), billing);
        assertThat(r.pollState()).isEqualTo("ERROR");
        assertThat(r.problem()).isEqualTo("Cannot reach GitHub API at https://api.github.com: no connection could be"
                + " made (check the GitHub API URL, the proxy and the firewall)");
        assertThat(r.lastPoll().relative()).isEqualTo("2 h ago");
    }

    @Test
    void configuredTrackersAppearBeforeTheFirstPoll() {
        Row r = row(scene.dashboard().overview(OverviewQuery.all()), TrackerId.parse("ops.backup"));
        assertThat(r.configured()).isTrue();
        assertThat(r.neverPolled()).isTrue();
        assertThat(r.pollState()).isEqualTo("NEVER_POLLED");
        assertThat(r.problem()).isNull();
        assertThat(r.source()).isEqualTo("acme/backup@v2.0.0");
        assertThat(r.cells()).extracting(Cell::state).containsExactly(CellState.NONE, CellState.NONE);
        assertThat(scene.dashboard().tracker(TrackerId.parse("ops.backup"))).isPresent();
        assertThat(row(scene.dashboard().overview(OverviewQuery.all()), orders).configured()).isFalse();
    }

    @Test
    void aPendingConfigIsMarked() {
        scene.configChanged(payments, 2);
        Row r = row(scene.dashboard().overview(OverviewQuery.all()), payments);
        assertThat(r.pendingConfig()).isEqualTo("0000000");
        assertThat(filter(Map.of("state", "pending"))).containsExactly("shop.payments");
    }

    @Test
    void filtersByTextGroupAndStateOnTheServer() {
        assertThat(filter(Map.of("q", "shop"))).containsExactly("shop.cart", "shop.orders", "shop.payments",
                "shop.search");
        assertThat(filter(Map.of("q", "ACME/SEA"))).containsExactly("shop.search");
        assertThat(filter(Map.of("q", "shop 3.1.0"))).as("every word must occur").containsExactly("shop.orders");
        assertThat(filter(Map.of("q", "v2.0.0"))).as("the ref").containsExactly("ops.backup");
        assertThat(filter(Map.of("group", "shop", "q", "ca"))).containsExactly("shop.cart");
        assertThat(filter(Map.of("state", "approval"))).containsExactly("billing.api", "shop.payments");
        assertThat(filter(Map.of("state", "failed"))).containsExactly("shop.cart");
        assertThat(filter(Map.of("state", "held"))).containsExactly("shop.search");
        assertThat(filter(Map.of("state", "error"))).containsExactly("billing.api");
        assertThat(filter(Map.of("state", "new"))).containsExactly("ops.backup");
        assertThat(filter(Map.of("state", "deployed", "group", "shop"))).containsExactly("shop.orders",
                "shop.payments", "shop.search");
        assertThat(filter(Map.of("state", "no-such-state"))).as("ignored").hasSize(6);
        assertThat(filter(Map.of("q", "nothing-like-this"))).isEmpty();
    }

    @Test
    void pagesThroughTheMatches() {
        for (int i = 0; i < 60; i++) {
            scene.store.create(io.jenkins.plugins.fathomable.core.store.TrackerRecord.of(
                    Scene.tracker(String.format("bulk.app-%02d", i), "acme/app-" + i, GitRef.DEFAULT)));
        }
        Dashboard d = scene.dashboard();
        Overview first = d.overview(query(Map.of("group", "bulk", "size", "25")));
        assertThat(first.matching()).isEqualTo(60);
        assertThat(first.total()).isEqualTo(66);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.rows()).hasSize(25);
        assertThat(first.first()).isEqualTo(1);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.nextQuery()).isEqualTo("?group=bulk&page=2&size=25");
        Overview last = d.overview(query(Map.of("group", "bulk", "size", "25", "page", "3")));
        assertThat(last.rows()).extracting(Row::id).first().isEqualTo("bulk.app-50");
        assertThat(last.rows()).hasSize(10);
        assertThat(last.last()).isEqualTo(60);
        assertThat(last.hasNext()).isFalse();
        assertThat(last.rows().get(0).source()).as("default branch").isEqualTo("acme/app-50");
        Overview past = d.overview(query(Map.of("group", "bulk", "size", "25", "page", "99")));
        assertThat(past.page()).as("a page past the end shows the last").isEqualTo(3);
        Overview odd = d.overview(query(Map.of("page", "-4", "size", "7")));
        assertThat(odd.page()).isEqualTo(1);
        assertThat(odd.query().size()).isEqualTo(OverviewQuery.DEFAULT_SIZE);
        Overview none = d.overview(query(Map.of("q", "zzz")));
        assertThat(none.pages()).isEqualTo(1);
        assertThat(none.first()).isZero();
        assertThat(none.last()).isZero();
    }

    private List<String> filter(Map<String, String> params) {
        return scene.dashboard().overview(query(params)).rows().stream().map(Row::id).toList();
    }

    private static OverviewQuery query(Map<String, String> params) {
        Function<String, String> p = params::get;
        return OverviewQuery.parse(p);
    }
}
