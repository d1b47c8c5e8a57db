package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command(Map<String, String> env, CompletableFuture<ServeApp> started) {
        CommandLine cmd = new CommandLine(new ServeCommand(env, TestEngine::new, log::add, started::complete));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    /** Runs {@code serve args} on a thread until the test closes the app; returns the running app. */
    private ServeApp serve(Map<String, String> env, CompletableFuture<Integer> exit, String... args) throws Exception {
        CompletableFuture<ServeApp> started = new CompletableFuture<>();
        CommandLine cmd = command(env, started);
        Thread t = new Thread(() -> exit.complete(cmd.execute(args)), "serve-under-test");
        t.setDaemon(true); // a failed test must not keep the test JVM alive
        t.start();
        return CompletableFuture.anyOf(started, exit).thenApply(x -> started.getNow(null)).get(30, TimeUnit.SECONDS);
    }

    private static int get(URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void firstStartPrintsAGeneratedTokenOnceAndLaterStartsAcceptIt() throws Exception {
        Path state = dir.resolve("state");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ServeApp app = serve(Map.of(), exit, "--port", "0", "--state-dir", state.toString(), "--poll-interval", "2s");
        Matcher m = Pattern.compile("\\n  (fa_[A-Za-z0-9_-]{43})\\n").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        String token = m.group(1);
        URI trackers = app.baseUri().resolve("/trackers/");
        assertThat(get(trackers, token)).isEqualTo(200);
        assertThat(get(trackers, null)).isEqualTo(401);
        assertThat(log).contains("serve: polling every 2s");
        assertThat(Files.readString(state.resolve(AdminToken.FILE))).doesNotContain(token);
        app.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();

        out.getBuffer().setLength(0);
        CompletableFuture<Integer> exit2 = new CompletableFuture<>();
        ServeApp again = serve(Map.of(), exit2, "--port", "0", "--state-dir", state.toString());
        assertThat(out.toString()).doesNotContain("fa_");
        assertThat(get(again.baseUri().resolve("/trackers/"), token)).isEqualTo(200);
        again.close();
        assertThat(exit2.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(log).noneMatch(l -> l.contains(token));
    }

    @Test
    void theEnvironmentVariableSetsTheTokenAndNothingIsPrintedOrStored() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ServeApp app = serve(Map.of(AdminToken.ENV, "from-the-environment"), exit,
                "--port", "0", "--state-dir", dir.toString(), "--open-reads");
        URI trackers = app.baseUri().resolve("/trackers/");
        assertThat(get(trackers, "from-the-environment")).isEqualTo(200);
        assertThat(get(trackers, null)).as("--open-reads").isEqualTo(200);
        assertThat(get(trackers, "another")).isEqualTo(401);
        assertThat(out.toString()).isEmpty();
        assertThat(dir.resolve(AdminToken.FILE)).doesNotExist();
        app.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void flagsOverrideTheConfigFileWhichOverridesDefaults() throws Exception {
        Path config = dir.resolve("serve.yaml");
        Files.writeString(config, """
                githubApiUrl: https://github.example.com/api/v3
                pollInterval: 30s
                environments: [dev, prod]
                registries:
                  - host: 127.0.0.1:5000
                    plainHttp: true
                """);
        ServeCommand serve = new ServeCommand(Map.of(), TestEngine::new, log::add, app -> {});
        new CommandLine(serve).parseArgs("--config", config.toString(), "--poll-interval", "PT5S", "--state-dir", "s");
        ServeSettings s = serve.settings();
        assertThat(s.githubApiUrl()).isEqualTo(URI.create("https://github.example.com/api/v3"));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.environmentNames()).containsExactly("dev", "prod");
        assertThat(s.registries()).containsExactly(new ServeSettings.Registry("127.0.0.1:5000", null, true));

        ServeCommand defaults = new ServeCommand(Map.of(), TestEngine::new, log::add, app -> {});
        new CommandLine(defaults).parseArgs("--github-api-url", "http://127.0.0.1:9/api");
        ServeSettings d = defaults.settings();
        assertThat(d.bind()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".fathomable"));
        assertThat(d.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.environmentNames()).containsExactly("dev", "ha", "preprod", "prod");
        assertThat(d.renderOnly()).isFalse();
        assertThat(d.githubApiUrl()).isEqualTo(URI.create("http://127.0.0.1:9/api"));
        assertThat(d.openReads()).isFalse();
    }

    @Test
    void aBadConfigFileStopsBeforeStartingNamingFieldAndLine() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "pollInterval: soon\nenvironments: [dev, dev]\ncolour: blue\n");
        int code = command(Map.of(), new CompletableFuture<>()).execute("--config", config.toString(),
                "--state-dir", dir.resolve("state").toString(), "--port", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("pollInterval: 'soon' is not a duration; use e.g. 2s, 1m, 1h or PT1M (line 1, column 15)")
                .contains("environments[1]: 'dev' is listed twice (line 2, column 21)")
                .contains("colour: unknown key");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aBadPollIntervalFlagIsRefused() {
        int code = command(Map.of(), new CompletableFuture<>()).execute("--poll-interval", "0s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--poll-interval").contains("must be longer than zero");
    }

    @Test
    void mainListsServe() {
        StringWriter help = new StringWriter();
        CommandLine main = Main.commandLine();
        main.setOut(new PrintWriter(help));
        assertThat(main.execute("--help")).isZero();
        assertThat(help.toString()).contains("serve");
        assertThat(main.getSubcommands()).containsKey("serve");
    }
}
