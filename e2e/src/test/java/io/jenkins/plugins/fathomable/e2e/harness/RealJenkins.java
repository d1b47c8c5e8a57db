package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Jenkins controller of {@link JenkinsRuntime} with its own {@code JENKINS_HOME} under {@code target/e2e/NAME/},
 * the plugin under test in {@code JENKINS_HOME/plugins}, Configuration as Code files ({@code CASC_JENKINS_CONFIG}),
 * extra JVM system properties and environment variables, on a free 127.0.0.1 port. {@link #restart()} keeps the home
 * (and the port); {@link #close()} stops the process (a JVM shutdown hook does too, should the test JVM be ended).
 *
 * <p>Outbound HTTP(S) from Jenkins goes through an {@link OutboundGuard} that refuses and records it.
 */
public final class RealJenkins implements AutoCloseable {

    private static final Set<RealJenkins> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Pattern FULLY_UP = Pattern.compile("Jenkins is fully up and running");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RealJenkins::stopQuietly), "e2e-stop-jenkins"));
    }

    private final String name;
    private final JenkinsRuntime runtime;
    private final Path workDir;
    private final Path home;
    private final Path hpi;
    private final Map<String, String> casc;
    private final List<Path> cascFiles;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final List<Path> extraPlugins;
    private final Map<String, Path> homeTrees;
    private final String javaOpts;
    private final JenkinsLog log;
    private OutboundGuard guard;
    private int port;
    private long pid = -1;
    private int boots;

    private RealJenkins(Builder b) {
        this.name = b.name;
        this.runtime = b.runtime;
        this.workDir = SuiteSettings.workDir().resolve(b.name);
        this.home = workDir.resolve("home");
        this.hpi = b.hpi != null ? b.hpi : SuiteSettings.hpi();
        this.cascFiles = new ArrayList<>();
        this.systemProperties = new LinkedHashMap<>(b.systemProperties);
        this.environment = new LinkedHashMap<>(b.environment);
        this.extraPlugins = new ArrayList<>(b.extraPlugins);
        this.homeTrees = new LinkedHashMap<>(b.homeTrees);
        this.javaOpts = b.javaOpts;
        this.log = new JenkinsLog(home.resolve("jenkins.log"));
        this.casc = new LinkedHashMap<>(b.casc);
        b.detachedPlugins.forEach(p -> extraPlugins.add(runtime.detachedPlugin(p)));
        casc.keySet().forEach(file -> cascFiles.add(workDir.resolve("casc").resolve(file)));
    }

    public static Builder builder(String name, JenkinsRuntime runtime) {
        return new Builder(name, runtime);
    }

    /** Creates a fresh {@code JENKINS_HOME} (removing what an earlier run left) and starts Jenkins. */
    public synchronized void start() throws IOException, InterruptedException {
        if (pid > 0) {
            throw new IllegalStateException(name + " is running");
        }
        stopLeftover();
        deleteTree(workDir);
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(workDir.resolve("casc"));
        for (Map.Entry<String, String> e : casc.entrySet()) {
            Files.writeString(workDir.resolve("casc").resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, Path> tree : homeTrees.entrySet()) {
            copyTree(tree.getValue(), home.resolve(tree.getKey()));
        }
        PluginsCache.populate(home.resolve("plugins"), runtime.plugins(), extraPlugins);
        Files.copy(hpi, home.resolve("plugins/fathomable.jpi"), StandardCopyOption.REPLACE_EXISTING);
        guard = new OutboundGuard();
        port = freePort();
        launch();
    }

    /** Stops Jenkins and starts it again on the same {@code JENKINS_HOME} and port, keeping the previous log. */
    public synchronized void restart() throws IOException, InterruptedException {
        stop();
        startAgain();
    }

    /**
     * Shuts Jenkins down the way an administrator does ({@code POST /exit}, Manage Jenkins » Shut down): Jenkins
     * saves its build queue, suspends running Pipelines and exits. {@link #stop()} cannot: the runtime's launcher
     * stops no web application on {@code SIGTERM}, so Jenkins' own shutdown never runs there. Falls back to
     * {@link #stop()} if the process has not ended after two minutes.
     */
    public synchronized void exit(JenkinsClient admin) {
        if (pid <= 0) {
            return;
        }
        JenkinsClient.Response r = admin.postForm("exit", java.util.Map.of());
        if (r.status() != 200) {
            throw new IllegalStateException("POST /exit answered " + r);
        }
        long exiting = pid;
        boolean ended = ProcessHandle.of(exiting).map(p -> {
            try {
                p.onExit().get(120, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }).orElse(true);
        stop();
        if (!ended) {
            throw new IllegalStateException("Jenkins [" + name + "] did not exit within two minutes of POST /exit");
        }
    }

    /**
     * Starts Jenkins again after {@link #stop()} or {@link #kill()}, on the same {@code JENKINS_HOME} and port, keeping
     * the previous log.
     */
    public synchronized void startAgain() throws IOException, InterruptedException {
        if (pid > 0) {
            throw new IllegalStateException(name + " is running");
        }
        log.rotate();
        launch();
    }

    /**
     * Ends the process at once (SIGKILL), as a crash or an OOM killer would: no shutdown hook runs, nothing is saved
     * that was not saved already. {@link #startAgain()} boots it again.
     */
    public synchronized void kill() {
        if (pid <= 0) {
            return;
        }
        long killing = pid;
        pid = -1;
        RUNNING.remove(this);
        ProcessHandle.of(killing).filter(this::isOurs).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        try {
            Files.deleteIfExists(home.resolve("jenkins.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after a minute); nothing if it is not running. */
    public synchronized void stop() {
        stop(boots > 0);
    }

    /** @param cachePlugins keep the unpacked plugins for later homes: only after a boot that completed */
    private void stop(boolean cachePlugins) {
        if (pid <= 0) {
            return;
        }
        long stopping = pid;
        pid = -1;
        RUNNING.remove(this);
        ProcessHandle.of(stopping).filter(this::isOurs).ifPresent(p -> terminate(p, Duration.ofSeconds(60)));
        try {
            Files.deleteIfExists(home.resolve("jenkins.pid"));
            if (cachePlugins) {
                PluginsCache.remember(home.resolve("plugins"), runtime.plugins(), extraPlugins);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
        if (guard != null) {
            guard.close();
        }
    }

    public boolean running() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT/}, ending in a slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public Path home() {
        return home;
    }

    /** {@code target/e2e/NAME/}: the home, the Configuration as Code files, screenshots and reports of this group. */
    public Path workDir() {
        return workDir;
    }

    /**
     * Leaves the Configuration as Code file of that name out of later boots (what it configured stays, as saved);
     * e.g. before a restart that must keep values changed on the configuration page, which the file would reset.
     */
    public synchronized void dropCasc(String fileName) {
        if (!cascFiles.remove(cascFile(fileName))) {
            throw new IllegalArgumentException("no Configuration as Code file " + fileName + " in " + cascFiles);
        }
    }

    /** The Configuration as Code file of that name (as given to the builder), to read or rewrite before a restart. */
    public Path cascFile(String fileName) {
        return workDir.resolve("casc").resolve(fileName);
    }

    public JenkinsLog log() {
        return log;
    }

    /** Requests that tried to leave the machine (see {@link OutboundGuard}). */
    public List<String> outboundAttempts() {
        return guard == null ? List.of() : guard.attempts();
    }

    /** Requests Jenkins made to the update center stand-in (see {@link OutboundGuard}). */
    public List<String> updateSiteRequests() {
        return guard == null ? List.of() : guard.updateSiteRequests();
    }

    public JenkinsClient client() {
        return new JenkinsClient(url());
    }

    private void launch() throws IOException, InterruptedException {
        Map<String, String> props = new LinkedHashMap<>(guard.systemProperties());
        props.putAll(systemProperties);
        List<String> command = new ArrayList<>(List.of("bash", runtime.launcher().toString(), home.toString(),
                String.valueOf(port)));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("jenkins-run.out").toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CASC_") || k.equals("JAVA_OPTS"));
        env.putAll(environment);
        env.put("JENKINS_E2E_URL", url().toString());
        env.put("JAVA_OPTS", javaOpts);
        env.put("WAIT_SECS", String.valueOf(SuiteSettings.bootTimeout().toSeconds()));
        if (!cascFiles.isEmpty()) {
            env.put("CASC_JENKINS_CONFIG", cascFiles.stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        long started = System.nanoTime();
        JenkinsLog.Mark mark = log.mark();
        Process launcher = pb.start();
        boolean exited = launcher.waitFor(SuiteSettings.bootTimeout().toSeconds() + 30, TimeUnit.SECONDS);
        readPid().ifPresent(p -> {
            pid = p;
            RUNNING.add(this);
        });
        if (!exited) {
            launcher.destroyForcibly();
        }
        if (!exited || launcher.exitValue() != 0) {
            stop(false);
            throw new IllegalStateException("Jenkins [" + name + "] did not start (jenkins-run "
                    + (exited ? "exit " + launcher.exitValue() : "timed out") + "); "
                    + Files.readString(workDir.resolve("jenkins-run.out")).lines().reduce((a, b) -> b).orElse("")
                    + "\nlast lines of " + home.resolve("jenkins.log") + ":\n" + tail(log.text(), 40));
        }
        log.await(mark, FULLY_UP, Duration.ofSeconds(60));
        boots++;
        System.out.printf(Locale.ROOT, "e2e: [%s] Jenkins %s at %s (boot %d, %.1f s)%n", name,
                boots == 1 ? "up" : "up again", url(), boots, (System.nanoTime() - started) / 1e9);
    }

    private Optional<Long> readPid() throws IOException {
        Path pidFile = home.resolve("jenkins.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    }

    /** A Jenkins left running on this home by an earlier, killed test JVM (found by its PID file). */
    private void stopLeftover() throws IOException {
        Optional<Long> leftover = readPid();
        if (leftover.isPresent()) {
            ProcessHandle.of(leftover.get()).filter(this::isOurs).ifPresent(p -> {
                System.out.println("e2e: [" + name + "] stopping Jenkins PID " + p.pid() + " left by an earlier run");
                terminate(p, Duration.ofSeconds(30));
            });
        }
    }

    /** Only the Jenkins of this home: never a process that happens to reuse the PID. */
    private boolean isOurs(ProcessHandle p) {
        return p.info().arguments().map(args -> List.of(args).contains("-DJENKINS_HOME=" + home)).orElse(false);
    }

    private static void terminate(ProcessHandle p, Duration grace) {
        p.destroy();
        try {
            p.onExit().get(grace.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            p.onExit().join();
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // shutting down anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** How a group's Jenkins is set up; {@link #build()} makes it, {@link RealJenkins#start()} boots it. */
    public static final class Builder {
        private final String name;
        private final JenkinsRuntime runtime;
        private final Map<String, String> casc = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<Path> extraPlugins = new ArrayList<>();
        private final Map<String, Path> homeTrees = new LinkedHashMap<>();
        private final List<String> detachedPlugins = new ArrayList<>();
        private Path hpi;
        private String javaOpts = "-Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

        private Builder(String name, JenkinsRuntime runtime) {
            this.name = name;
            this.runtime = runtime;
        }

        /** A Configuration as Code file with this name and text (files apply in the order given). */
        public Builder casc(String fileName, String yaml) {
            casc.put(fileName, yaml);
            return this;
        }

        /** A Configuration as Code file from the test class path ({@code /casc/security.yaml}). */
        public Builder cascResource(String resource) {
            try (InputStream in = RealJenkins.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no resource " + resource);
                }
                return casc(resource.substring(resource.lastIndexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** An environment variable of the Jenkins process (Configuration as Code resolves {@code ${NAME}} from these). */
        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** A plugin file to put into {@code JENKINS_HOME/plugins} besides the runtime's and Fathomable. */
        public Builder plugin(Path file) {
            extraPlugins.add(file);
            return this;
        }

        /** A plugin the war ships among its detached plugins, e.g. {@code matrix-auth}. */
        public Builder detachedPlugin(String shortName) {
            detachedPlugins.add(shortName);
            return this;
        }

        /** The files under {@code source}, copied to {@code JENKINS_HOME/path} before the first boot (state to start from). */
        public Builder homeTree(String path, Path source) {
            homeTrees.put(path, source);
            return this;
        }

        /** Another .hpi than {@code plugin/target/fathomable.hpi}. */
        public Builder hpi(Path file) {
            hpi = file;
            return this;
        }

        public Builder javaOpts(String opts) {
            javaOpts = opts;
            return this;
        }

        public RealJenkins build() {
            return new RealJenkins(this);
        }
    }
}
