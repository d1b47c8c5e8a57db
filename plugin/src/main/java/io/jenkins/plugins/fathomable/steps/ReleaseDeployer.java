package io.jenkins.plugins.fathomable.steps;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.core.deploy.ApplyException;
import io.jenkins.plugins.fathomable.core.deploy.ApplyResult;
import io.jenkins.plugins.fathomable.core.deploy.Applier;
import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.Readiness;
import io.jenkins.plugins.fathomable.core.deploy.ReadinessChecker;
import io.jenkins.plugins.fathomable.core.deploy.ReadinessWaiter;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Applies a release with server-side apply (pruning what the release it replaces had and it no longer renders),
 * then waits for it to be ready. Nothing here holds a thread while waiting: the apply is one task on
 * {@code scheduler}, and each readiness look is another, scheduled with back-off. The returned future completes
 * with the result (never exceptionally for deployment problems); cancelling it stops the wait.
 */
public final class ReleaseDeployer {

    /** Hears what happens, for the build log and for saving progress. */
    public interface Progress {
        void log(String line);

        /** The release is applied; from here a restart only needs to wait for readiness again. */
        void applied(Inventory inventory);
    }

    private final FathomableServices services;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final BooleanSupplier stopping;

    public ReleaseDeployer(FathomableServices services, ScheduledExecutorService scheduler, Clock clock) {
        this(services, scheduler, clock, () -> false);
    }

    /**
     * @param stopping whether Jenkins is shutting down: the readiness wait then stops looking (the step resumes it
     *                 after the restart) instead of meeting the plugins' closing class loaders
     */
    public ReleaseDeployer(FathomableServices services, ScheduledExecutorService scheduler, Clock clock,
            BooleanSupplier stopping) {
        this.services = services;
        this.scheduler = scheduler;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** Renders, applies and waits until {@code deadline}. Cancelling the result stops the apply or the wait. */
    public CompletableFuture<DeployResult> deploy(ReleaseCoordinates c, Instant deadline, Progress progress) {
        CompletableFuture<DeployResult> result = new CompletableFuture<>();
        CompletableFuture<Applied> applying = CompletableFuture.supplyAsync(() -> apply(c, progress), scheduler);
        result.whenComplete((r, e) -> applying.cancel(false));
        applying.whenComplete((applied, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if (applied.result() != null) {
                result.complete(applied.result());
            } else if (!result.isDone()) {
                progress.applied(applied.inventory());
                CompletableFuture<DeployResult> waiting = awaitReady(c, applied.inventory(), deadline, progress);
                result.whenComplete((r, e) -> waiting.cancel(false));
                waiting.whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                });
            }
        });
        return result;
    }

    /** Waits (again, e.g. after a restart) for objects already applied to become ready, until {@code deadline}. */
    public CompletableFuture<DeployResult> awaitReady(ReleaseCoordinates c, Inventory applied, Instant deadline,
            Progress progress) {
        KubernetesTarget target;
        KubernetesClient client;
        try {
            target = services.engine().flow().require("environment", c.environment()).target();
            client = services.connect(target);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(DeployResult.failed(message(e), applied));
        }
        ReadinessChecker checker = new ReadinessChecker(client);
        Duration left = Duration.between(clock.instant(), deadline);
        progress.log("Waiting up to " + minutes(left) + " for " + applied.objects().size() + " object(s) in "
                + target.namespace() + " to be ready");
        CompletableFuture<Readiness> waiting = new ReadinessWaiter(scheduler, clock, stopping).await(
                () -> checker.check(target.namespace(), applied), left.isNegative() ? Duration.ZERO : left,
                r -> progress.log("Not ready yet: " + r.reason()));
        CompletableFuture<DeployResult> result = waiting.handle((r, e) -> {
            client.close();
            if (e != null) {
                return DeployResult.failed("cannot check readiness: " + message(e), applied);
            }
            return r.state() == Readiness.State.READY ? DeployResult.ready(applied)
                    : DeployResult.failed(r.reason(), applied);
        });
        // Cancelling what the caller holds must stop the polling too.
        result.whenComplete((r, e) -> waiting.cancel(false));
        return result;
    }

    private Applied apply(ReleaseCoordinates c, Progress progress) {
        RenderedRelease release;
        Optional<RenderedRelease> before;
        ReleaseRenderer renderer = new ReleaseRenderer(services);
        try {
            release = renderer.render(c);
            before = previous(renderer, c, progress);
        } catch (RuntimeException e) {
            return Applied.failed(DeployResult.failed("cannot render " + c + ": " + message(e), Inventory.empty()));
        }
        KubernetesTarget target = release.target();
        progress.log("Applying " + c + ": " + release.objects().size() + " object(s) to namespace "
                + target.namespace() + " on cluster " + target.cluster()
                + before.map(b -> ", replacing release " + b.coordinates().release()).orElse(""));
        try (KubernetesClient client = services.connect(target)) {
            ApplyResult result = new Applier(client).applyAndPrune(c.tracker(), target.namespace(), release.objects(),
                    before.map(RenderedRelease::inventory).orElse(Inventory.empty()),
                    services.applyOptions(c.environment()));
            result.inventory().objects().forEach(ref -> progress.log("  applied " + ref));
            result.prune().deleted().forEach(ref -> progress.log("  pruned " + ref));
            result.prune().leftAlone().forEach(ref -> progress.log("  left alone (no longer ours) " + ref));
            return new Applied(result.inventory(), null);
        } catch (ApplyException e) {
            return Applied.failed(DeployResult.failed(e.getMessage(), e.applied()));
        } catch (RuntimeException e) {
            return Applied.failed(DeployResult.failed("cannot apply " + c + ": " + message(e), Inventory.empty()));
        }
    }

    /** A release that no longer renders (spec rules changed) only loses its pruning, not the deployment. */
    private static Optional<RenderedRelease> previous(ReleaseRenderer renderer, ReleaseCoordinates c,
            Progress progress) {
        try {
            return renderer.deployedBefore(c);
        } catch (ValidationException e) {
            progress.log("Not pruning: the release deployed before cannot be rendered: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String minutes(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 60 ? (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s") : s + "s";
    }

    private record Applied(Inventory inventory, DeployResult result) {
        static Applied failed(DeployResult result) {
            return new Applied(null, result);
        }
    }
}
