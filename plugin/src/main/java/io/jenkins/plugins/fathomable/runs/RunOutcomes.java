package io.jenkins.plugins.fathomable.runs;

import hudson.model.Cause;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a finished release run's result becomes the engine's outcome, and where its link points. */
public final class RunOutcomes {

    private RunOutcomes() {
    }

    /**
     * SUCCESS is ready; everything else (UNSTABLE, FAILURE, ABORTED, NOT_BUILT, none) is failed: an unstable run
     * means some check of the deployment failed, and a release only advances on a clean run.
     *
     * @param result  the run's result name ({@code Result.toString()}), or {@code null}
     * @param runName how people know the run, e.g. {@code fathomable-shop.api #7}
     */
    public static DeploymentOutcome of(String result, String runName, String runUrl) {
        if ("SUCCESS".equals(result)) {
            return DeploymentOutcome.ready(runUrl);
        }
        String how = switch (result == null ? "" : result) {
            case "UNSTABLE" -> "ended unstable";
            case "ABORTED" -> "was aborted";
            case "NOT_BUILT" -> "was not built";
            case "FAILURE" -> "failed";
            default -> "ended without a result";
        };
        return DeploymentOutcome.failed("release run " + runName + " " + how, runUrl);
    }

    /**
     * The run's link for the tracker's history: absolute when Jenkins knows its root URL, otherwise rooted at
     * {@code /} (relative to the Jenkins URL), never {@code null}.
     *
     * @param rootUrl     {@code Jenkins.getRootUrl()}, ending in '/', or {@code null}
     * @param relativeUrl {@code Run.getUrl()}, e.g. {@code job/fathomable-shop.api/7/}
     */
    public static String runUrl(String rootUrl, String relativeUrl) {
        String rel = relativeUrl.startsWith("/") ? relativeUrl.substring(1) : relativeUrl;
        if (rootUrl == null || rootUrl.isBlank()) {
            return "/" + rel;
        }
        return (rootUrl.endsWith("/") ? rootUrl : rootUrl + "/") + rel;
    }

    /** For a queue item cancelled before it ran: a failed outcome for each release it was for (usually one). */
    public static Map<DeploymentId, DeploymentOutcome> cancelledInQueue(List<? extends Cause> causes) {
        Map<DeploymentId, DeploymentOutcome> out = new LinkedHashMap<>();
        for (Cause cause : causes) {
            if (cause instanceof ReleaseCause release) {
                ReleaseRun run = release.run();
                out.put(run.deployment(), DeploymentOutcome.failed("the release run was cancelled while it waited "
                        + "in the Jenkins queue: " + run.description(), null));
            }
        }
        return out;
    }

    /** Whether one of a queue item's or run's causes is the release cause of {@code deployment}. */
    public static boolean isFor(List<? extends Cause> causes, DeploymentId deployment) {
        return causes.stream().anyMatch(c -> c instanceof ReleaseCause release
                && release.run().deployment().equals(deployment));
    }
}
