package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.testing.UnwritableDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Issue 13, items 4 and 7: start-up mistakes are one-line messages with exit status 2, a failed first start leaves
 * no admin token hash behind (so the next start prints a token that works), and a second serve on the same state
 * directory refuses to start instead of overwriting the first one's trackers.
 */
class ServeStartupTest {

    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private record Run(CompletableFuture<Integer> exit, ServeApp app) {}

    private Run serve(Map<String, String> env, String... args) throws Exception {
        CompletableFuture<ServeApp> started = new CompletableFuture<>();
        CommandLine cmd = new CommandLine(new ServeCommand(env, TestEngine::new, log::add, started::complete));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> exit.complete(cmd.execute(args)), "serve-under-test");
        t.setDaemon(true);
        t.start();
        ServeApp app = CompletableFuture.anyOf(started, exit).thenApply(x -> started.getNow(null)).get(60, TimeUnit.SECONDS);
        return new Run(exit, app);
    }

    private static int status(URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void assertOneLineError(Run run, String expectedStart) throws Exception {
        assertThat(run.app()).as("serve must not start").isNull();
        assertThat(run.exit().get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(err.toString().lines()).as(err.toString()).singleElement().asString()
                .startsWith("fathomable serve: " + expectedStart);
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void aBusyPortIsOneLineAndLeavesNoHashSoTheNextStartPrintsAWorkingToken() throws Exception {
        Path state = dir.resolve("state");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run failed = serve(Map.of(), "--port", String.valueOf(busy.getLocalPort()), "--state-dir", state.toString());
            assertOneLineError(failed, "port " + busy.getLocalPort() + " on 127.0.0.1 is in use by another program");
            assertThat(out.toString()).as("no token printed for a start that failed").doesNotContain("fa_");
        }
        assertThat(state.resolve(AdminToken.FILE)).as("no hash of a token nobody saw").doesNotExist();
        assertThat(state).isDirectoryNotContaining("glob:**.tmp");

        Run ok = serve(Map.of(), "--port", "0", "--state-dir", state.toString());
        Matcher m = Pattern.compile("\\n  (fa_[A-Za-z0-9_-]{43})\\n").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        assertThat(status(ok.app().baseUri().resolve("/trackers/"), m.group(1))).isEqualTo(200);
        ok.app().close();
        assertThat(ok.exit().get(30, TimeUnit.SECONDS)).isZero();
    }

    /** As a user runs it: a process whose whole standard error is that one line (no library banners either). */
    @Test
    void theRealProcessPrintsJustTheOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    io.jenkins.plugins.fathomable.cli.Main.class.getName(), "serve", "--port",
                    String.valueOf(busy.getLocalPort()), "--state-dir", dir.resolve("proc").toString()).start();
            String stderr = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(stderr.lines().toList()).as(stderr).singleElement().asString()
                    .startsWith("fathomable serve: port " + busy.getLocalPort() + " on 127.0.0.1 is in use");
            assertThat(stdout).isEmpty();
        }
    }

    @Test
    void aSecondServeOnTheSameStateDirectoryRefusesWithExitTwo() throws Exception {
        Path state = dir.resolve("state");
        Run first = serve(Map.of(AdminToken.ENV, "tok"), "--port", "0", "--state-dir", state.toString());
        assertThat(first.app()).isNotNull();
        try {
            Run second = serve(Map.of(AdminToken.ENV, "tok"), "--port", "0", "--state-dir", state.toString());
            assertOneLineError(second, "the state directory " + state + " is in use by another fathomable serve"
                    + " (process " + ProcessHandle.current().pid() + ")");
            assertThat(status(first.app().baseUri().resolve("/trackers/"), "tok")).as("the first one serves on")
                    .isEqualTo(200);
        } finally {
            first.app().close();
        }
        err.getBuffer().setLength(0);
        Run again = serve(Map.of(AdminToken.ENV, "tok"), "--port", "0", "--state-dir", state.toString());
        assertThat(again.app()).as("the lock goes with the process that held it: " + err).isNotNull();
        again.app().close();
    }

    @Test
    void startUpMistakesAreOneLineMessages() throws Exception {
        Path state = dir.resolve("state");
        assertOneLineError(serve(Map.of(), "--port", "70000", "--state-dir", state.toString()),
                "--port must be between 0 and 65535");
        err.getBuffer().setLength(0);
        assertOneLineError(serve(Map.of(), "--port", "0", "--config", dir.resolve("nope.yaml").toString(),
                "--state-dir", state.toString()), dir.resolve("nope.yaml") + ": (file): does not exist");
        err.getBuffer().setLength(0);
        assertOneLineError(serve(Map.of(), "--port", "0", "--bind", "203.0.113.7", "--state-dir", state.toString()),
                "cannot listen on 203.0.113.7:0");
        assertThat(state.resolve(AdminToken.FILE)).doesNotExist();
    }

    @Test
    void anUnwritableStateDirectoryIsOneLineAndNothingIsWritten() throws Exception {
        Path state = Files.createDirectory(dir.resolve("readonly"));
        try (UnwritableDir ignored = UnwritableDir.of(state)) {
            assertOneLineError(serve(Map.of(), "--port", "0", "--state-dir", state.toString()),
                    "cannot write the lock file " + state.resolve(StateDirLock.FILE) + ": ");
            assertThat(err.toString()).contains("the state directory must be writable by this user");
            try (var files = Files.list(state)) {
                assertThat(files.toList()).isEmpty();
            }
        }
    }

    @Test
    void theDefaultStateDirectoryFollowsHome() {
        assertThat(ServeCommand.defaultStateDir(Map.of("HOME", "/home/ops"))).isEqualTo(Path.of("/home/ops/.fathomable"));
        assertThat(ServeCommand.defaultStateDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".fathomable"));
    }
}
