package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fathomable serve}: the REST routes and the engine on this machine, state in a directory. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the tracker REST API and runs the engine, keeping state in a directory.",
            "Every route needs 'Authorization: Bearer <admin token>'; the token is printed once, on first start,",
            "or set with the environment variable " + AdminToken.ENV + "."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--state-dir", description = "Where trackers, releases, secrets and the admin token hash live (default: $HOME/.fathomable).")
    Path stateDir;

    @Option(names = "--config", description = "YAML file: githubApiUrl, pollInterval, renderOnly, environments (namespace, cluster, windows,"
            + " soak, approval), registries (credentials, limits), github (request budget), webhooks (secrets,"
            + " safety-net poll interval). See docs/serve.md.")
    Path config;

    @Option(names = "--github-api-url", description = "GitHub API URL, e.g. for GitHub Enterprise https://github.example.com/api/v3.")
    URI githubApiUrl;

    @Option(names = "--poll-interval", converter = Durations.class,
            description = "How often to poll: 2s, 1m, 1h or ISO-8601 such as PT30S (default: 1m).")
    Duration pollInterval;

    @Option(names = "--render-only", description = "Never apply to a cluster: write each release's objects under"
            + " <state-dir>/releases/<tracker>/<env>/<release>.yaml.")
    boolean renderOnly;

    @Option(names = "--open-reads", description = "Let GET requests through without the admin token.")
    boolean openReads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final Engine.Factory engines;
    private final ServeLog log;
    private final Consumer<ServeApp> onStarted;

    /** As {@code fathomable serve} runs it: the process environment, standard error for the log, Ctrl-C to stop. */
    public ServeCommand() {
        this(System.getenv(), LocalEngine::new, ServeLog.to(System.err, Clock.systemUTC()),
                app -> Runtime.getRuntime().addShutdownHook(new Thread(app::close, "fathomable-shutdown")));
    }

    /**
     * @param engines   builds the engine (the real poll cycle and release engine, or a test's)
     * @param onStarted told of the running app: the default installs the Ctrl-C hook; tests keep it to stop it
     */
    public ServeCommand(Map<String, String> env, Engine.Factory engines, ServeLog log, Consumer<ServeApp> onStarted) {
        this.env = env;
        this.engines = engines;
        this.log = log;
        this.onStarted = onStarted;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings;
        try {
            settings = settings();
        } catch (ValidationException e) {
            e.errors().forEach(fe -> spec.commandLine().getErr().println("fathomable serve: " + config + ": " + fe));
            spec.commandLine().getErr().flush();
            return 2;
        }
        ServeApp app;
        try {
            if (port < 0 || port > 65535) {
                throw new StartupException("--port must be between 0 and 65535 (0 picks a free port), got " + port);
            }
            app = ServeApp.start(settings, engines, Optional.ofNullable(env.get(AdminToken.ENV)), log,
                    Clock.systemUTC(), new SecureRandom());
        } catch (RuntimeException e) {
            // One line a person can act on, never a stack trace (docs/serve.md lists these messages).
            String message = e instanceof StartupException ? e.getMessage()
                    : "cannot start: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            spec.commandLine().getErr().println("fathomable serve: "
                    + io.jenkins.plugins.fathomable.core.validation.Printable.line(message, 1000));
            spec.commandLine().getErr().flush();
            return 2;
        }
        app.generatedAdminToken().ifPresent(t -> {
            var out = spec.commandLine().getOut();
            out.println("Admin API token (shown only now; only its hash is stored in "
                    + settings.stateDir().resolve(AdminToken.FILE) + "):");
            out.println("  " + t);
            out.println("Use it as: curl -H 'Authorization: Bearer <token>' " + app.baseUri() + "trackers/");
            out.flush();
        });
        onStarted.accept(app);
        app.awaitClosed();
        return 0;
    }

    /** Flags over the config file over defaults. */
    ServeSettings settings() {
        ServeConfigFile file = config == null ? ServeConfigFile.EMPTY : ServeConfigFile.read(config);
        Path dir = stateDir != null ? stateDir : defaultStateDir(env);
        return new ServeSettings(bind, port, dir,
                first(githubApiUrl, file.githubApiUrl(), ServeSettings.DEFAULT_GITHUB_API),
                first(pollInterval, file.pollInterval(), ServeSettings.DEFAULT_POLL_INTERVAL),
                openReads,
                first(null, file.environments(), ServeSettings.DEFAULT_ENVIRONMENTS),
                first(null, file.registries(), java.util.List.of()),
                renderOnly || Boolean.TRUE.equals(file.renderOnly()), ServeSettings.DEFAULT_ANSWER_WITHIN,
                file.github() == null ? io.jenkins.plugins.fathomable.core.source.github.GitHubLimits.DEFAULT : file.github())
                .withWebhooks(file.webhooks());
    }

    /** {@code $HOME/.fathomable}: the user's home as the shell sees it (under sudo or a service account too). */
    static Path defaultStateDir(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".fathomable");
    }

    private static <T> T first(T flag, T fromFile, T fallback) {
        return flag != null ? flag : fromFile != null ? fromFile : fallback;
    }
}
