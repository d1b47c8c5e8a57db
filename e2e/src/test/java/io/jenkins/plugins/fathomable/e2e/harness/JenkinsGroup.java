package io.jenkins.plugins.fathomable.e2e.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One scenario group's Jenkins, as a JUnit 5 extension on a static field: started once before the group's tests, and
 * after them stopped, its log scanned ({@link LogScan}: any problem fails the group) and checked for requests that
 * tried to leave the machine ({@link OutboundGuard}). Without {@code ../shared/jenkins} the group is skipped, and the
 * suite says so once, in one line.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final JenkinsGroup jenkins = JenkinsGroup.of("loading", b -&gt; b.cascResource("/casc/security.yaml")
 *         .detachedPlugin("matrix-auth"));
 * </pre>
 */
public final class JenkinsGroup implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private static final AtomicBoolean SKIP_SAID = new AtomicBoolean();
    /** {@code summary.txt} holds this run's groups only: emptied when the first group of the run starts. */
    private static final AtomicBoolean SUMMARY_STARTED = new AtomicBoolean();

    private final String name;
    private final UnaryOperator<RealJenkins.Builder> setup;
    private final List<LogScan.Tolerated> tolerations = new ArrayList<>();
    private RealJenkins jenkins;
    private JenkinsClient root;
    private String adminToken;
    private String readerToken;

    private JenkinsGroup(String name, UnaryOperator<RealJenkins.Builder> setup) {
        this.name = name;
        this.setup = setup;
    }

    /** A group named {@code name} (its folder under {@code target/e2e/}), its Jenkins set up by {@code setup}. */
    public static JenkinsGroup of(String name, UnaryOperator<RealJenkins.Builder> setup) {
        return new JenkinsGroup(name, setup);
    }

    /** The standard set-up: the suite's users ({@code /casc/security.yaml}) with matrix authorization. */
    public static RealJenkins.Builder secured(RealJenkins.Builder b) {
        return b.cascResource("/casc/security.yaml").detachedPlugin("matrix-auth");
    }

    /** Accepts log records matching {@code pattern} (a test provoked them on purpose); they are reported, not failed. */
    public JenkinsGroup tolerate(String pattern, String reason) {
        tolerations.add(new LogScan.Tolerated(Pattern.compile(pattern), reason));
        return this;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (JenkinsRuntime.find().isPresent()) {
            return ConditionEvaluationResult.enabled("real Jenkins at " + JenkinsRuntime.expectedLocation());
        }
        String line = "e2e: skipped: no Jenkins runtime at " + JenkinsRuntime.expectedLocation()
                + " (the end-to-end suite needs ../shared/jenkins)";
        if (SKIP_SAID.compareAndSet(false, true)) {
            System.out.println(line);
        }
        return ConditionEvaluationResult.disabled(line);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        JenkinsRuntime runtime = JenkinsRuntime.find().orElseThrow();
        if (SUMMARY_STARTED.compareAndSet(false, true)) {
            Files.deleteIfExists(SuiteSettings.workDir().resolve("summary.txt"));
        }
        jenkins = setup.apply(RealJenkins.builder(name, runtime)).build();
        jenkins.start();
        root = jenkins.client();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (jenkins == null) {
            return;
        }
        jenkins.close();
        LogScan.Result scan = jenkins.log().scan(tolerations);
        List<String> outbound = jenkins.outboundAttempts();
        String report = scan.report(tolerations) + (outbound.isEmpty() ? "" : "\n  OUTBOUND " + String.join("\n  OUTBOUND ", outbound));
        Files.writeString(jenkins.workDir().resolve("log-scan.txt"), report + "\n", StandardCharsets.UTF_8);
        String line = String.format(Locale.ROOT, "e2e: [%s] Jenkins log (%d boot(s)): %d warning(s), %d problem(s), %d tolerated;"
                        + " %d request(s) tried to leave the machine (%d to the update-center stand-in)", name,
                jenkins.log().files().size(), scan.warnings().size(), scan.problems().size(), scan.tolerated().size(),
                outbound.size(), jenkins.updateSiteRequests().size());
        System.out.println(line);
        Files.writeString(SuiteSettings.workDir().resolve("summary.txt"), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!scan.clean() || !outbound.isEmpty()) {
            throw new AssertionError("[" + name + "] the Jenkins log or the outbound guard found problems ("
                    + jenkins.workDir().resolve("log-scan.txt") + "):\n" + report);
        }
    }

    /** Shuts Jenkins down as an administrator does ({@link RealJenkins#exit}); {@link RealJenkins#startAgain()} boots it. */
    public void exitCleanly() {
        jenkins.exit(admin());
    }

    public RealJenkins jenkins() {
        return jenkins;
    }

    /** An anonymous client. Every client of the group shares one journal of responses ({@link JenkinsClient#journal()}). */
    public JenkinsClient anonymous() {
        return root.anonymous();
    }

    /** A browser-like session of {@code user}, logged in with the password (POSTs need the crumb). */
    public JenkinsClient session(JenkinsUser user) {
        return root.login(user.name(), user.password());
    }

    /** HTTP Basic with the administrator's API token (made once per group). */
    public JenkinsClient admin() {
        if (adminToken == null) {
            adminToken = root.newApiToken(JenkinsUser.ADMIN.name(), JenkinsUser.ADMIN.password(), "e2e");
        }
        return root.basic(JenkinsUser.ADMIN.name(), adminToken);
    }

    /** HTTP Basic with the Overall/Read-only user's API token. */
    public JenkinsClient reader() {
        if (readerToken == null) {
            readerToken = root.newApiToken(JenkinsUser.READER.name(), JenkinsUser.READER.password(), "e2e");
        }
        return root.basic(JenkinsUser.READER.name(), readerToken);
    }

    /** HTTP Basic with a new API token of {@code user}. */
    public JenkinsClient withToken(JenkinsUser user) {
        return root.basic(user.name(), root.newApiToken(user.name(), user.password(), "e2e"));
    }

    /** The administrator's API token, once {@link #admin()} made it. */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }
}
