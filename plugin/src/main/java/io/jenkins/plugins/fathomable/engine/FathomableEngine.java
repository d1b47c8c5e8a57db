package io.jenkins.plugins.fathomable.engine;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Terminator;
import io.jenkins.plugins.fathomable.config.EngineSettings;
import io.jenkins.plugins.fathomable.config.FathomableConfiguration;
import io.jenkins.plugins.fathomable.core.deploy.ClusterConnector;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.credentials.CredentialMapper;
import io.jenkins.plugins.fathomable.credentials.CredentialsSecretStore;
import io.jenkins.plugins.fathomable.credentials.JenkinsCredentials;
import io.jenkins.plugins.fathomable.credentials.TrackerTokensWriter;
import io.jenkins.plugins.fathomable.runs.InterruptedReleases;
import io.jenkins.plugins.fathomable.runs.JenkinsReleaseJobs;
import io.jenkins.plugins.fathomable.runs.PipelineReleaseExecutor;
import io.jenkins.plugins.fathomable.runs.ReleaseJobs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;
import jenkins.util.Timer;

/**
 * Owns this controller's engine: the one {@link FileTrackerStore} under {@code $JENKINS_HOME/fathomable}, and a
 * {@link PluginEngine} rebuilt whenever the engine settings of {@link FathomableConfiguration} change. Deployments
 * become runs of each tracker's Pipeline job ({@link PipelineReleaseExecutor}), whose outcomes go to the current
 * release engine. The poller, the REST action, the status page and (through {@link EngineServices}) release runs and
 * Pipeline steps all come here. At the first use once Jenkins is fully up, deployments a restart left in progress
 * are settled ({@link InterruptedReleases}).
 */
@Extension
public final class FathomableEngine {

    private static final Logger LOG = Logger.getLogger(FathomableEngine.class.getName());

    private final Clock clock = Clock.systemUTC();
    private final RequestCounter counter = new RequestCounter();
    private final ReleaseJobs jobs = new JenkinsReleaseJobs();
    /** Manage Jenkins » System » HTTP Proxy, asked at each connection to GitHub, a registry or a cluster. */
    private final JenkinsProxies proxies = new JenkinsProxies(() -> Jenkins.get().getProxy());
    private boolean settled;
    private FileTrackerStore store;
    private EngineThreads threads;
    private ExecutorService background;
    private boolean closed;
    private PluginEngine engine;
    private ReleaseExecutor executor;
    private EngineSettings builtFrom;
    private JenkinsProxies.Settings builtWithProxy;

    public static FathomableEngine get() {
        return ExtensionList.lookupSingleton(FathomableEngine.class);
    }

    /** The engine for the current settings; throws core's {@code ValidationException} if they are invalid. */
    public synchronized PluginEngine engine() {
        FathomableConfiguration config = FathomableConfiguration.get();
        EngineSettings settings = config.engineSettings();
        // a changed HTTP proxy rebuilds the clients too: connections already open would keep the old route
        JenkinsProxies.Settings proxy = JenkinsProxies.settings(Jenkins.get().getProxy());
        if (engine != null && settings.equals(builtFrom) && java.util.Objects.equals(proxy, builtWithProxy)) {
            engine.syncConfigured(config.trackersRevision());
            settleOnce();
            return engine;
        }
        Path root = Jenkins.get().getRootDir().toPath().resolve("fathomable");
        if (store == null) {
            store = new FileTrackerStore(root.resolve("trackers"));
            threads = new EngineThreads();
        }
        JenkinsCredentials credentials = new JenkinsCredentials(CredentialMapper.jenkins());
        CredentialsSecretStore secrets = new CredentialsSecretStore(new TrackerTokensWriter(), credentials);
        // Batched GraphQL lookups with each tracker's token (a GitHub App's credentials give an installation token),
        // per-tracker REST for anonymous trackers; one request budget per token, kept while the settings last.
        GitHubReader gitHub = new GitHubReader(settings.githubApiUrl(), credentials, proxies, settings.github(),
                root.resolve("github-cache"), counter, clock, Sleeper.system());
        executor = releaseExecutor(jobs, () -> FathomableConfiguration.get().getReleasePipelineTemplate(),
                Timer.get(), () -> engine().releases());
        engine = new PluginEngine(settings, config::trackers, store, new FileMemory(root.resolve("configured-trackers.txt")),
                secrets, credentials::refresh, gitHub, proxies, executor, counter, clock, threads.threads(answerWithin()));
        builtFrom = settings;
        builtWithProxy = proxy;
        engine.syncConfigured(config.trackersRevision());
        settleOnce();
        return engine;
    }

    /**
     * Settles what a restart left in progress, at the first use of the engine once Jenkins is fully up (its build
     * queue is loaded only then), before this session hands anything out: nothing does before that (the poller waits
     * for it too, and Jenkins serves no request earlier).
     */
    private void settleOnce() {
        if (!settled && Jenkins.get().getInitLevel() == InitMilestone.COMPLETED) {
            settled = true;
            settleInterrupted(engine.releases(), jobs, executor, Timer.get());
        }
    }

    /**
     * How deployments run: as Pipeline runs made from the admins' template, failures to start reported to
     * {@code releases} (the engine current when the outcome arrives, as settings may have rebuilt it meanwhile).
     */
    static ReleaseExecutor releaseExecutor(ReleaseJobs jobs, Supplier<String> template, Executor background,
            Supplier<ReleaseEngine> releases) {
        return new PipelineReleaseExecutor(jobs, template, background, (id, outcome) -> releases.get().completed(id,
                outcome));
    }

    /**
     * Takes the deployments in progress now, before this session hands out any, and settles them on
     * {@code background} (Jenkins' Timer runs as SYSTEM, so every job and queue item is visible); lost ones are
     * queued again through {@code executor}.
     */
    static void settleInterrupted(ReleaseEngine releases, ReleaseJobs jobs, ReleaseExecutor executor,
            Executor background) {
        List<DeploymentRequest> left = releases.inProgress();
        if (!left.isEmpty()) {
            background.execute(() -> InterruptedReleases.settle(left, jobs, releases::completed, executor));
        }
    }

    /** Clients for the environments' clusters, as currently configured. */
    synchronized EnvironmentClusters clusters() {
        engine();
        return new EnvironmentClusters(builtFrom.clusters(),
                ClusterConnector.forThisProcess(new JenkinsCredentials(CredentialMapper.jenkins()), proxies));
    }

    /** Seconds a REST create or replace waits for its read before answering {@code READING} (default 5). */
    static final String ANSWER_WITHIN_PROPERTY = PluginEngine.class.getName() + ".answerWithinSeconds";

    /**
     * {@link PluginEngine#ANSWER_WITHIN}, or what {@link #ANSWER_WITHIN_PROPERTY} says: test controllers on loaded
     * machines wait longer, so that their answers carry the read's outcome.
     */
    static Duration answerWithin() {
        long seconds = SystemProperties.getLong(ANSWER_WITHIN_PROPERTY, PluginEngine.ANSWER_WITHIN.toSeconds());
        return seconds > 0 ? Duration.ofSeconds(seconds) : PluginEngine.ANSWER_WITHIN;
    }

    /** Runs a poll pass on a background thread now (status page "Poll now"); the request does not wait for it. */
    public synchronized void pollSoon() {
        if (closed) {
            return;
        }
        if (background == null) {
            background = Executors.newSingleThreadExecutor(daemon("Fathomable poll now"));
        }
        background.submit(() -> {
            try {
                engine().pollPass(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                        FathomableConfiguration.get().pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Fathomable poll failed", e);
            }
        });
    }

    /** Stops the engine's threads with Jenkins: reads and passes in flight get a few seconds to finish. */
    @Terminator
    public static void stopWithJenkins() {
        FathomableEngine engine = ExtensionList.lookup(FathomableEngine.class).stream().findFirst().orElse(null);
        if (engine != null) {
            engine.close();
        }
    }

    /** Whether the engine has stopped (Jenkins is shutting down). */
    public synchronized boolean stopped() {
        return closed;
    }

    /** Takes no more work and stops every thread of the engine. */
    synchronized void close() {
        closed = true;
        if (background != null) {
            background.shutdownNow();
        }
        if (threads != null) {
            threads.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + " " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
