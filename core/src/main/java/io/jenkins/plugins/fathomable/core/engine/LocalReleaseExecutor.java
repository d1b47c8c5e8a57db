package io.jenkins.plugins.fathomable.core.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.deploy.Applier;
import io.jenkins.plugins.fathomable.core.deploy.ApplyException;
import io.jenkins.plugins.fathomable.core.deploy.ApplyOptions;
import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import io.jenkins.plugins.fathomable.core.deploy.PruneResult;
import io.jenkins.plugins.fathomable.core.deploy.Pruner;
import io.jenkins.plugins.fathomable.core.deploy.Readiness;
import io.jenkins.plugins.fathomable.core.deploy.ReadinessChecker;
import io.jenkins.plugins.fathomable.core.deploy.ReadinessWaiter;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.render.RenderContext;
import io.jenkins.plugins.fathomable.core.render.Renderer;
import io.jenkins.plugins.fathomable.core.render.YamlWriter;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Deploys in this process: renders the release from its recorded config and pinned image, writes the objects to
 * {@code <releases>/<tracker>/<env>/<release>.yaml} (what was rendered, kept either way), and, when the environment
 * has a cluster, applies them with server-side apply and waits until they are Ready. Once Ready, objects that
 * earlier releases of the tracker applied in that environment and this one no longer renders are pruned (the
 * record is {@link InventoryFile}; objects without the tracker's label are left alone). Work runs on
 * {@code workers}; the outcome goes to the {@link DeploymentReporter} exactly once.
 */
public final class LocalReleaseExecutor implements ReleaseExecutor {

    private final Path releasesDir;
    private final ClusterClients clusters;
    private final DeploymentReporter reporter;
    private final ScheduledExecutorService workers;
    private final Function<String, Duration> readyTimeouts;
    private final Clock clock;
    private final EngineLog log;
    private final YamlWriter yaml = new YamlWriter();

    /**
     * @param releasesDir  where rendered releases are written
     * @param clusters     the client per environment target; {@link ClusterClients#none()} renders only
     * @param reporter     told how each deployment ended
     * @param workers      runs deployments and readiness checks
     * @param readyTimeout how long applied objects may take to become Ready, in every environment
     */
    public LocalReleaseExecutor(Path releasesDir, ClusterClients clusters, DeploymentReporter reporter,
            ScheduledExecutorService workers, Duration readyTimeout, Clock clock, EngineLog log) {
        this(releasesDir, clusters, reporter, workers, constant(readyTimeout), clock, log);
    }

    /**
     * @param readyTimeouts how long applied objects may take to become Ready, by environment name
     */
    public LocalReleaseExecutor(Path releasesDir, ClusterClients clusters, DeploymentReporter reporter,
            ScheduledExecutorService workers, Function<String, Duration> readyTimeouts, Clock clock,
            EngineLog log) {
        this.releasesDir = Objects.requireNonNull(releasesDir, "releasesDir");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.readyTimeouts = Objects.requireNonNull(readyTimeouts, "readyTimeouts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    private static Function<String, Duration> constant(Duration timeout) {
        Objects.requireNonNull(timeout, "readyTimeout");
        return environment -> timeout;
    }

    /** The file release {@code release} of {@code request}'s tracker is written to for its environment. */
    public Path fileOf(DeploymentRequest request) {
        return releasesDir.resolve(request.tracker().toString()).resolve(request.environment())
                .resolve(request.release().number() + ".yaml");
    }

    @Override
    public void execute(DeploymentRequest request) {
        workers.execute(() -> {
            try {
                deploy(request);
            } catch (RuntimeException e) {
                finish(request, DeploymentOutcome.failed("deployment failed: " + e.getMessage(), null));
            } catch (VirtualMachineError | LinkageError e) {
                // Out of memory, a stack overflow, a missing class: reported, or the deployment stays in progress
                // for ever (and is resumed into the same failure at every start).
                finish(request, DeploymentOutcome.failed("deployment failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), null));
            }
        });
    }

    private void deploy(DeploymentRequest request) {
        Release release = request.release();
        List<HasMetadata> objects;
        try {
            AppSpec spec = SpecParser.parse(release.config().content()).orThrow();
            objects = Renderer.render(spec, new RenderContext(request.environment(), request.target().namespace(),
                    request.tracker(), release.config().commitSha(), release.image()));
        } catch (ValidationException e) {
            finish(request, DeploymentOutcome.failed("release " + release.number() + " does not render: "
                    + e.getMessage(), null));
            return;
        }
        Path file = fileOf(request);
        try {
            write(file, yaml.writeAll(objects));
        } catch (IOException e) {
            finish(request, DeploymentOutcome.failed("cannot write " + file + ": " + e.getMessage(), null));
            return;
        }
        String runUrl = file.toUri().toString();
        Optional<KubernetesClient> client = clusters.client(request.target());
        if (client.isEmpty()) {
            finish(request, DeploymentOutcome.ready(runUrl));
            return;
        }
        String namespace = request.target().namespace();
        InventoryFile inventoryFile = new InventoryFile(file.getParent());
        Inventory previous;
        Inventory applied;
        try {
            previous = inventoryFile.read();
            try {
                applied = new Applier(client.get()).apply(request.tracker(), namespace, objects,
                        ApplyOptions.defaults());
            } catch (ApplyException e) {
                // What was applied before the refusal is ours now: remember it so a later release prunes it.
                inventoryFile.write(InventoryFile.union(previous, e.applied()));
                finish(request, DeploymentOutcome.failed(e.getMessage(), runUrl));
                return;
            }
            // Until this release is Ready both it and the previous one may own objects: prune neither yet.
            inventoryFile.write(InventoryFile.union(previous, applied));
        } catch (IOException e) {
            finish(request, DeploymentOutcome.failed("cannot record what was applied in " + inventoryFile.path()
                    + ": " + e.getMessage(), runUrl));
            return;
        }
        log.info("deploy: " + request.id() + " applied " + applied.objects().size() + " objects to "
                + request.target().cluster() + "/" + namespace + ", waiting until Ready");
        ReadinessChecker checker = new ReadinessChecker(client.get());
        Duration timeout = readyTimeouts.apply(request.environment());
        new ReadinessWaiter(workers, clock).await(() -> checker.check(namespace, applied), timeout,
                        progress -> log.info("deploy: " + request.id() + " " + progress))
                .whenComplete((readiness, failure) -> {
                    if (failure == null && readiness.state() == Readiness.State.READY) {
                        prune(request, client.get(), inventoryFile, previous, applied);
                    }
                    finish(request, failure != null
                            ? DeploymentOutcome.failed("readiness check failed: " + failure.getMessage(), runUrl)
                            : readiness.state() == Readiness.State.READY ? DeploymentOutcome.ready(runUrl)
                            : DeploymentOutcome.failed("not ready: " + readiness.reason(), runUrl));
                });
    }

    /**
     * Deletes what earlier releases applied here and this one no longer renders. The release is running either
     * way, so a failure is logged and what could not be deleted stays recorded for the next release to retry.
     */
    private void prune(DeploymentRequest request, KubernetesClient client, InventoryFile inventoryFile,
            Inventory previous, Inventory applied) {
        Inventory keep = applied;
        try {
            PruneResult result = new Pruner(client).prune(request.tracker(), previous, applied);
            if (!result.deleted().isEmpty()) {
                log.info("deploy: " + request.id() + " pruned " + names(result.deleted()));
            }
            if (!result.leftAlone().isEmpty()) {
                log.info("deploy: " + request.id() + " left alone (no longer labelled " + ApplyOptions.TRACKER_LABEL
                        + "=" + request.tracker() + "): " + names(result.leftAlone()));
            }
        } catch (ApplyException e) {
            keep = e.applied();
            log.info("deploy: " + request.id() + " " + e.getMessage() + "; the next release tries again");
        } catch (RuntimeException e) {
            keep = InventoryFile.union(applied, previous);
            log.info("deploy: " + request.id() + " pruning failed: " + e + "; the next release tries again");
        }
        try {
            inventoryFile.write(keep);
        } catch (IOException e) {
            log.info("deploy: " + request.id() + " cannot record the pruned inventory in " + inventoryFile.path()
                    + ": " + e.getMessage());
        }
    }

    private static String names(List<ObjectRef> refs) {
        return refs.stream().map(ObjectRef::toString).collect(Collectors.joining(", "));
    }

    private void finish(DeploymentRequest request, DeploymentOutcome outcome) {
        String what = outcome instanceof DeploymentOutcome.Failed f ? "failed: " + f.reason() : "ready";
        log.info("deploy: " + request.id() + " release " + request.release().number() + " of " + request.tracker()
                + " in " + request.environment() + " " + what);
        reporter.completed(request.id(), outcome);
    }

    /** Temporary file then atomic rename: a reader never sees half a release. */
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
