package io.jenkins.plugins.fathomable.core.release;

import java.util.Objects;

/** How a deployment ended, as the executor reports it. */
public sealed interface DeploymentOutcome permits DeploymentOutcome.Ready, DeploymentOutcome.Failed {

    /** A link to the run that executed it (a Jenkins build, a log), or {@code null}. */
    String runUrl();

    /** Applied, and every container of the release reported Ready. */
    record Ready(String runUrl) implements DeploymentOutcome {}

    /** Not applied, or not ready in time; {@code reason} is shown to people and must hold no secret. */
    record Failed(String reason, String runUrl) implements DeploymentOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static DeploymentOutcome ready(String runUrl) {
        return new Ready(runUrl);
    }

    static DeploymentOutcome failed(String reason, String runUrl) {
        return new Failed(reason, runUrl);
    }
}
