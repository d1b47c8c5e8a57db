package io.jenkins.plugins.fathomable.steps;

import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import java.util.Objects;

/**
 * How applying a release and waiting for it ended.
 *
 * @param ready   applied, and every workload reported ready
 * @param reason  why not, in words for the person reading the build log (empty when ready); never holds a secret
 * @param applied what was applied (possibly part of the release when applying stopped part-way)
 */
public record DeployResult(boolean ready, String reason, Inventory applied) {

    public DeployResult {
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(applied, "applied");
    }

    static DeployResult ready(Inventory applied) {
        return new DeployResult(true, "", applied);
    }

    static DeployResult failed(String reason, Inventory applied) {
        return new DeployResult(false, reason, applied);
    }
}
