package io.jenkins.plugins.fathomable;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.CachingGitHubSourceFactory;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.github_branch_source.Connector;

/**
 * Owns this controller's engine: the one {@link FileTrackerStore} under {@code $JENKINS_HOME/fathomable}, and a
 * {@link PluginEngine} rebuilt whenever the engine settings of {@link FathomableConfiguration} change. The
 * {@link ReleaseExecutor} is the first {@code @Extension} implementing it (the pipeline-run executor); without one,
 * deployments are parked. The poller, the REST action and the status page all come here.
 */
@Extension
public final class FathomableEngine {

    private static final Logger LOG = Logger.getLogger(FathomableEngine.class.getName());

    private final Clock clock = Clock.systemUTC();
    private final RequestCounter counter = new RequestCounter();
    private final ParkingReleaseExecutor parking = new ParkingReleaseExecutor();
    private FileTrackerStore store;
    private ExecutorService pool;
    private ExecutorService background;
    private PluginEngine engine;
    private EngineSettings builtFrom;
    private JenkinsGitHubSources gitHub;

    public static FathomableEngine get() {
        return ExtensionList.lookupSingleton(FathomableEngine.class);
    }

    /** The engine for the current settings; throws core's {@code ValidationException} if they are invalid. */
    public synchronized PluginEngine engine() {
        FathomableConfiguration config = FathomableConfiguration.get();
        EngineSettings settings = config.engineSettings();
        if (engine != null && settings.equals(builtFrom)) {
            return engine;
        }
        Path root = Jenkins.get().getRootDir().toPath().resolve("fathomable");
        if (store == null) {
            store = new FileTrackerStore(root.resolve("trackers"));
            pool = Executors.newFixedThreadPool(4, daemon("Fathomable poll"));
        }
        if (gitHub != null) {
            gitHub.close();
        }
        JenkinsCredentials credentials = new JenkinsCredentials(CredentialMapper.jenkins());
        CredentialsSecretStore secrets = new CredentialsSecretStore(new SystemStoreWriter(), credentials);
        gitHub = new JenkinsGitHubSources(settings.githubApiUrl(), JenkinsCredentials::find, new ConnectorConnections(),
                new CachingGitHubSourceFactory(settings.githubApiUrl(), credentials, root.resolve("github-cache"),
                        counter, clock), clock);
        ReleaseExecutor executor = ExtensionList.lookup(ReleaseExecutor.class).stream().findFirst().orElse(null);
        engine = new PluginEngine(settings, config::trackers, store, new FileMemory(root.resolve("configured-trackers.txt")),
                secrets, gitHub, executor == null ? parking : executor, counter, clock, pool);
        builtFrom = settings;
        if (executor != null && !parking.parked().isEmpty()) {
            LOG.info("handing " + parking.parked().size() + " parked deployments to " + executor.getClass().getName());
            parking.drainTo(executor);
        }
        return engine;
    }

    /** Whether deployments are parked for lack of a release executor (shown on the status page). */
    public boolean executorMissing() {
        return ExtensionList.lookup(ReleaseExecutor.class).isEmpty();
    }

    /** Runs a poll pass on a background thread now (status page "Poll now"); the request does not wait for it. */
    public synchronized void pollSoon() {
        if (background == null) {
            background = Executors.newSingleThreadExecutor(daemon("Fathomable poll now"));
        }
        background.submit(() -> {
            try {
                engine().pollPass(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Fathomable poll failed", e);
            }
        });
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + " " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** github-branch-source's shared connections. */
    private static final class ConnectorConnections implements JenkinsGitHubSources.Connections {
        @Override
        public org.kohsuke.github.GitHub connect(String apiUrl,
                com.cloudbees.plugins.credentials.common.StandardCredentials credentials) throws java.io.IOException {
            return Connector.connect(apiUrl, credentials);
        }

        @Override
        public void release(org.kohsuke.github.GitHub gitHub) {
            Connector.release(gitHub);
        }
    }
}
