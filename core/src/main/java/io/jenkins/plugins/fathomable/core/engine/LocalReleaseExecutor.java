package io.jenkins.plugins.fathomable.core.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.deploy.Applier;
import io.jenkins.plugins.fathomable.core.deploy.ApplyOptions;
import io.jenkins.plugins.fathomable.core.deploy.Inventory;
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

/**
 * Deploys in this process: renders the release from its recorded config and pinned image, writes the objects to
 * {@code <releases>/<tracker>/<env>/<release>.yaml} (what was rendered, kept either way), and, when the environment
 * has a cluster, applies them with server-side apply and waits until they are Ready. Work runs on {@code workers};
 * the outcome goes to the {@link DeploymentReporter} exactly once.
 */
public final class LocalReleaseExecutor implements ReleaseExecutor {

    private final Path releasesDir;
    private final ClusterClients clusters;
    private final DeploymentReporter reporter;
    private final ScheduledExecutorService workers;
    private final Duration readyTimeout;
    private final Clock clock;
    private final EngineLog log;
    private final YamlWriter yaml = new YamlWriter();

    /**
     * @param releasesDir  where rendered releases are written
     * @param clusters     the client per environment target; {@link ClusterClients#none()} renders only
     * @param reporter     told how each deployment ended
     * @param workers      runs deployments and readiness checks
     * @param readyTimeout how long applied objects may take to become Ready
     */
    public LocalReleaseExecutor(Path releasesDir, ClusterClients clusters, DeploymentReporter reporter,
            ScheduledExecutorService workers, Duration readyTimeout, Clock clock, EngineLog log) {
        this.releasesDir = Objects.requireNonNull(releasesDir, "releasesDir");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.readyTimeout = Objects.requireNonNull(readyTimeout, "readyTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
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
        Inventory inventory = new Applier(client.get()).apply(request.tracker(), namespace, objects,
                ApplyOptions.defaults());
        log.info("deploy: " + request.id() + " applied " + inventory.objects().size() + " objects to "
                + request.target().cluster() + "/" + namespace + ", waiting until Ready");
        ReadinessChecker checker = new ReadinessChecker(client.get());
        new ReadinessWaiter(workers, clock).await(() -> checker.check(namespace, inventory), readyTimeout,
                        progress -> log.info("deploy: " + request.id() + " " + progress))
                .whenComplete((readiness, failure) -> finish(request, failure != null
                        ? DeploymentOutcome.failed("readiness check failed: " + failure.getMessage(), runUrl)
                        : readiness.state() == Readiness.State.READY ? DeploymentOutcome.ready(runUrl)
                        : DeploymentOutcome.failed("not ready: " + readiness.reason(), runUrl)));
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
