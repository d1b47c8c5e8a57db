package io.jenkins.plugins.fathomable.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.DiffLine;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.HistoryLine;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Stage;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.testing.Fixtures;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page of one tracker: stages with their operations, history, the pending change and the rendered objects. */
class TrackerPageTest {

    @TempDir
    Path dir;

    Scene scene;
    TrackerId id;

    @BeforeEach
    void releaseOneInDevAndProdReleaseTwoWaiting() {
        scene = new Scene(dir);
        id = scene.ingested("shop.payments", "1.4.2", 1);
        scene.ready(id, "dev");
        scene.later(Duration.ofHours(2));
        scene.engine.approve(id, 1, "prod", "ada");
        scene.ready(id, "prod");
        ImageVersion two = Fixtures.image("1.4.3", 2);
        scene.engine.onEvent(new TrackerEvent.ImageUpdated(id, scene.clock.instant(), Fixtures.image("1.4.2", 1), two));
        scene.ready(id, "dev");
    }

    private TrackerPage page() {
        return scene.dashboard().tracker(id).orElseThrow();
    }

    private Stage stage(TrackerPage p, String env) {
        return p.stages().stream().filter(s -> s.environment().equals(env)).findFirst().orElseThrow();
    }

    @Test
    void stagesInFlowOrderWithTheirSettingsAndOperations() {
        TrackerPage p = page();
        assertThat(p.stages()).extracting(Stage::environment).containsExactly("dev", "prod");
        Stage dev = stage(p, "dev");
        assertThat(dev.cell().state()).isEqualTo(CellState.DEPLOYED);
        assertThat(dev.cell().deployed().number()).isEqualTo(2);
        assertThat(dev.rollbackTo()).as("release 1 was deployed in dev before").isEqualTo(1);
        assertThat(dev.approve()).isZero();
        Stage prod = stage(p, "prod");
        assertThat(prod.namespace()).isEqualTo("shop-prod");
        assertThat(prod.cluster()).isEqualTo("prod-cluster");
        assertThat(prod.approval()).isTrue();
        assertThat(prod.soak()).isEqualTo("1 h");
        assertThat(prod.cell().state()).isEqualTo(CellState.WAITING);
        assertThat(prod.cell().deployed().number()).isEqualTo(1);
        assertThat(prod.cell().moving().number()).isEqualTo(2);
        assertThat(prod.approve()).isEqualTo(2);
        assertThat(prod.reject()).isEqualTo(2);
        assertThat(prod.retry()).isZero();
        assertThat(prod.rollbackTo()).as("nothing before release 1 in prod").isZero();
    }

    @Test
    void aFailedStageOffersRetryAndReject() {
        scene.later(Duration.ofHours(2));
        scene.engine.approve(id, 2, "prod", "ada");
        scene.failed(id, "prod", "not ready: Deployment payments-api: 1/3 replicas ready");
        Stage prod = stage(page(), "prod");
        assertThat(prod.cell().state()).isEqualTo(CellState.FAILED);
        assertThat(prod.retry()).isEqualTo(2);
        assertThat(prod.reject()).isEqualTo(2);
        assertThat(prod.approve()).isZero();
        assertThat(prod.cell().reasons()).containsExactly("not ready: Deployment payments-api: 1/3 replicas ready");
    }

    @Test
    void historyNewestFirstWithWhoDidItAndTheRuns() {
        TrackerPage p = page();
        HistoryLine newest = p.history().get(0);
        assertThat(newest.release()).isEqualTo(2);
        assertThat(p.history()).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("approved");
            assertThat(h.actor()).isEqualTo("ada");
            assertThat(h.person()).isTrue();
            assertThat(h.environment()).isEqualTo("prod");
        });
        assertThat(p.history()).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("deployed");
            assertThat(h.person()).isFalse();
            assertThat(h.runUrl()).isEqualTo("job/fathomable-shop.payments/2/");
            assertThat(h.change()).isEqualTo("DEPLOYING prod → COMPLETED prod");
        });
        assertThat(p.older()).isZero();
        assertThat(p.history().get(p.history().size() - 1).action()).isEqualTo("created");
    }

    @Test
    void releasesNewestFirst() {
        TrackerPage p = page();
        assertThat(p.releases()).extracting(r -> r.ref().number()).containsExactly(2, 1);
        assertThat(p.releases().get(0).status()).isEqualTo("QUEUED prod");
        assertThat(p.releases().get(0).origin()).isEqualTo("image updated");
        assertThat(p.releases().get(1).approvals()).containsExactly("prod");
        assertThat(p.releases().get(1).configUrl()).startsWith("https://github.com/acme/payments/commit/");
    }

    @Test
    void eachEnvironmentsObjectsAreRenderedFromItsRelease() {
        TrackerPage p = page();
        assertThat(p.rendered()).extracting(TrackerPage.Rendered::environment).containsExactly("dev", "prod");
        TrackerPage.Rendered dev = p.rendered().get(0);
        assertThat(dev.release()).isEqualTo(2);
        assertThat(dev.problem()).isNull();
        assertThat(dev.objects()).isGreaterThan(0);
        assertThat(dev.yaml()).contains("kind: Deployment", "namespace: shop-dev",
                Fixtures.image("1.4.3", 2).pinned());
        assertThat(p.rendered().get(1).yaml()).contains("namespace: shop-prod", Fixtures.image("1.4.2", 1).pinned());
    }

    @Test
    void thePendingConfigShowsTheFileDiffAndWhatItChangesPerEnvironment() {
        assertThat(page().pending()).isNull();
        scene.configChanged(id, 3);
        TrackerPage.PendingChange pending = page().pending();
        assertThat(pending.commit()).isEqualTo("0000000");
        assertThat(pending.fileDiff().lines()).extracting(DiffLine::text).contains("-  replicas: 1", "+  replicas: 3");
        assertThat(pending.fileDiff().lines()).filteredOn(l -> l.kind().equals("add")).extracting(DiffLine::text)
                .containsExactly("+  replicas: 3");
        assertThat(pending.rendered()).extracting(TrackerPage.Diff::title).containsExactly("dev", "prod");
        assertThat(pending.rendered().get(0).problem()).isNull();
        assertThat(pending.rendered().get(0).lines()).extracting(DiffLine::text).contains("+  replicas: 3",
                "+kind: PodDisruptionBudget").as("both sides at the same commit: no annotation of an object changes")
                .noneMatch(l -> l.startsWith("-") && l.contains("git-commit"));
        assertThat(page().row().pendingConfig()).isEqualTo("0000000");
    }

    @Test
    void aPendingFileThatDoesNotParseSaysWhyInsteadOfADiff() {
        io.jenkins.plugins.fathomable.core.event.ConfigRevision bad = new io.jenkins.plugins.fathomable.core.event
                .ConfigRevision("c".repeat(40), "d".repeat(40), "apiVersion: fathomable.io/v1\nkind: Application\n");
        scene.engine.onEvent(new TrackerEvent.ConfigChanged(id, scene.clock.instant(), Scene.config(1), bad));
        TrackerPage.PendingChange pending = page().pending();
        assertThat(pending.rendered().get(0).problem()).startsWith("cannot be rendered: ");
        assertThat(pending.rendered().get(0).same()).isFalse();
    }

    @Test
    void anUnknownTrackerHasNoPage() {
        assertThat(scene.dashboard().tracker(TrackerId.parse("no.such"))).isEmpty();
    }
}
