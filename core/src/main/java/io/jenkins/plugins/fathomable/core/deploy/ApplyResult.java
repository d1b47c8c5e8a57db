package io.jenkins.plugins.fathomable.core.deploy;

/** The outcome of applying a release: the inventory to record with it and what was pruned. */
public record ApplyResult(Inventory inventory, PruneResult prune) {
}
