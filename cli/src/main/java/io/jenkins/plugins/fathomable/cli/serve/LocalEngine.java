package io.jenkins.plugins.fathomable.cli.serve;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.api.Ingestor;
import io.jenkins.plugins.fathomable.core.api.StatusProvider;
import io.jenkins.plugins.fathomable.core.deploy.ClusterConfig;
import io.jenkins.plugins.fathomable.core.deploy.ClusterConnector;
import io.jenkins.plugins.fathomable.core.engine.ClusterClients;
import io.jenkins.plugins.fathomable.core.engine.LocalReleaseExecutor;
import io.jenkins.plugins.fathomable.core.engine.TrackingEngine;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The real engine of {@code serve}: core's {@link TrackingEngine} with GitHub through batched GraphQL lookups,
 * registries as configured, and an in-process {@link LocalReleaseExecutor} that applies releases to an
 * environment's cluster or, with {@code --render-only} or no cluster, writes them under
 * {@code <state-dir>/releases}. Deployments a previous run left in progress are resumed at start.
 */
public final class LocalEngine implements Engine {

    /** Under the state directory: rendered releases, {@code <tracker>/<env>/<release>.yaml}. */
    public static final String RELEASES_DIR = "releases";
    /** Without a cluster an environment renders only; its target names this cluster. */
    static final String NO_CLUSTER = "none";
    /**
     * github-api logs every connection retry as several INFO lines; the tracker status already says what failed.
     * Held here because java.util.logging keeps loggers only weakly, which would drop the level again.
     */
    private static final Logger GITHUB_API_LOG = Logger.getLogger("org.kohsuke.github");

    private final Engine.Context context;
    private final ExecutorService pollThreads = Executors.newFixedThreadPool(4, daemon("fathomable-poller"));
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(2, daemon("fathomable-deploy"));
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final Map<String, ClusterConfig> clusters = new HashMap<>();
    private final ClusterConnector connector;
    private final TrackingEngine engine;

    public LocalEngine(Engine.Context context) {
        this.context = context;
        GITHUB_API_LOG.setLevel(Level.WARNING);
        ServeSettings s = context.settings();
        ServeCredentials credentials = new ServeCredentials(context.credentials(), s.registries(), System::getenv);
        // https_proxy, http_proxy and no_proxy as other command-line tools read them; else the JVM's settings
        Proxies proxies = EnvironmentProxies.of(System::getenv);
        this.connector = ClusterConnector.forThisProcess(credentials, proxies);
        // Cached GitHub answers hold file contents of private repositories, releases their rendered objects.
        Path cache = s.stateDir().resolve("cache");
        Path releases = s.stateDir().resolve(RELEASES_DIR);
        OwnerOnlyFiles.ensureDirectory(cache);
        OwnerOnlyFiles.ensureDirectory(releases);
        RequestCounter counter = new RequestCounter();
        // GraphQL for trackers with a token, REST answers of anonymous trackers cached for conditional requests
        GitHubReader gitHub = new GitHubReader(s.githubApiUrl().toString(), credentials, proxies, s.github(),
                cache.resolve("github"), counter, context.clock(), Sleeper.system());
        RegistryClient registry = new RegistryClient(
                proxies.configure(HttpClient.newBuilder()).followRedirects(HttpClient.Redirect.NORMAL).build(),
                registryConfig(s.registries()), credentials, counter, context.clock(), Sleeper.system());
        FlowConfig flow = new FlowConfig(s.environments().stream().map(this::environment).toList());
        ClusterClients clusterClients = s.renderOnly() ? ClusterClients.none() : this::client;
        this.engine = new TrackingEngine(context.store(), gitHub, registry, flow,
                reporter -> new LocalReleaseExecutor(releases, clusterClients, reporter, workers, readinessTimeouts(s),
                        context.clock(), context.log()::info),
                context.clock(), pollThreads, context.log()::info);
        engine.resumeInterrupted();
    }

    @Override
    public Ingestor ingestor() {
        return engine.ingestor();
    }

    @Override
    public StatusProvider status() {
        return engine.status();
    }

    @Override
    public ReleaseOperations operations() {
        return engine.operations();
    }

    @Override
    public ReleaseEngine releases() {
        return engine.releases();
    }

    @Override
    public Webhooks webhooks() {
        return engine.webhooks();
    }

    @Override
    public void pollOnce() {
        try {
            // up to a poll interval waiting for GitHub request budget; what is left goes first next time
            engine.pollDue(context.settings().safetyNet(), context.settings().pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The core engine, for tests. */
    public TrackingEngine engine() {
        return engine;
    }

    @Override
    public String describe() {
        ServeSettings s = context.settings();
        String envs = s.environments().stream().map(e -> e.name() + " (" + e.namespace() + " on "
                + (s.renderOnly() || e.cluster() == null ? "no cluster: render only" : e.cluster().name()) + ")")
                .collect(Collectors.joining(" -> "));
        return "engine: GitHub API " + s.githubApiUrl() + "; environments " + envs + "; releases written to "
                + s.stateDir().resolve(RELEASES_DIR);
    }

    /** Lets running deployments and readiness checks finish (a release file is never left half-written). */
    @Override
    public void close() {
        pollThreads.shutdown();
        workers.shutdown();
        try {
            pollThreads.awaitTermination(30, TimeUnit.SECONDS);
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        clients.values().forEach(KubernetesClient::close);
    }

    private EnvironmentConfig environment(ServeSettings.Environment e) {
        String cluster = NO_CLUSTER;
        if (e.cluster() != null && !context.settings().renderOnly()) {
            cluster = e.cluster().name();
            clusters.put(cluster, e.cluster().inCluster() ? new ClusterConfig.InCluster()
                    : new ClusterConfig.KubeconfigFile(e.cluster().kubeconfig(), e.cluster().context()));
        }
        return new EnvironmentConfig(e.name(), e.windows(), e.soak(), e.approval(),
                new KubernetesTarget(cluster, e.namespace()));
    }

    /** By environment name, as configured ({@code readinessTimeout}, 10 minutes by default). */
    static Function<String, Duration> readinessTimeouts(ServeSettings settings) {
        Map<String, Duration> byName = settings.environments().stream().collect(
                Collectors.toMap(ServeSettings.Environment::name, ServeSettings.Environment::readinessTimeout));
        return name -> byName.getOrDefault(name, ServeSettings.Environment.DEFAULT_READINESS_TIMEOUT);
    }

    private Optional<KubernetesClient> client(KubernetesTarget target) {
        ClusterConfig config = clusters.get(target.cluster());
        return config == null ? Optional.empty()
                : Optional.of(clients.computeIfAbsent(target.cluster(), k -> connector.connect(config)));
    }

    private static RegistryConfig registryConfig(List<ServeSettings.Registry> registries) {
        RegistryConfig config = RegistryConfig.anonymous();
        for (ServeSettings.Registry r : registries) {
            RegistryConfig.Limits d = RegistryConfig.Limits.DEFAULT;
            RegistryConfig.Limits limits = new RegistryConfig.Limits(
                    r.maxConcurrent() == null ? d.maxConcurrent() : r.maxConcurrent(),
                    r.requestsPerSecond() == null ? d.requestsPerSecond() : r.requestsPerSecond(),
                    d.maxRetries(), d.initialBackoff(), d.maxBackoff());
            String credentialsId = r.username() != null ? ServeCredentials.registryId(r.host()) : r.credentialsId();
            config = config.with(new RegistryConfig.Registry(r.host(), credentialsId, r.plainHttp(), limits));
        }
        return config;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
