package io.jenkins.plugins.fathomable.runs;

import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one release run is for: the deployment the engine handed out. Its parameters and its cause are built from
 * this, and the run listener reads it back from the cause to report the outcome.
 *
 * @param deployment the engine's id of the hand-out ({@code group.name/7}), passed back with the outcome
 * @param environment the environment deployed to
 * @param release     the release deployed
 * @param kind        a promotion, or a rollback to an earlier release
 */
public record ReleaseRun(DeploymentId deployment, String environment, int release, Deployment.Kind kind) {

    public static final String TRACKER = "FATHOMABLE_TRACKER";
    public static final String ENVIRONMENT = "FATHOMABLE_ENVIRONMENT";
    public static final String RELEASE = "FATHOMABLE_RELEASE";
    public static final String DEPLOYMENT = "FATHOMABLE_DEPLOYMENT";
    public static final String KIND = "FATHOMABLE_KIND";

    public ReleaseRun {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(kind, "kind");
    }

    public static ReleaseRun of(DeploymentRequest request) {
        return new ReleaseRun(request.id(), request.environment(), request.release().number(), request.kind());
    }

    public TrackerId tracker() {
        return deployment.tracker();
    }

    /** The run's string parameters, in the order the run page lists them. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(TRACKER, tracker().toString());
        p.put(ENVIRONMENT, environment);
        p.put(RELEASE, Integer.toString(release));
        p.put(DEPLOYMENT, deployment.toString());
        p.put(KIND, kind.name().toLowerCase(java.util.Locale.ROOT));
        return p;
    }

    /** The cause's text on the run page. */
    public String description() {
        return kind == Deployment.Kind.ROLLBACK
                ? "Fathomable rollback of " + tracker() + " in " + environment + " to release " + release
                : "Fathomable release " + release + " of " + tracker() + " to " + environment;
    }

    /** Whether a step deploying {@code release} of {@code tracker} to {@code environment} deploys exactly this. */
    public boolean matches(TrackerId tracker, String environment, int release) {
        return tracker().equals(tracker) && this.environment.equals(environment) && this.release == release;
    }
}
