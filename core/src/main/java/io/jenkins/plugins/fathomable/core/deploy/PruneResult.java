package io.jenkins.plugins.fathomable.core.deploy;

import java.util.List;

/**
 * What pruning did.
 *
 * @param deleted  objects deleted because the new release no longer renders them
 * @param leftAlone objects that were candidates but do not carry this tracker's label (someone else owns them now)
 */
public record PruneResult(List<ObjectRef> deleted, List<ObjectRef> leftAlone) {

    public PruneResult {
        deleted = List.copyOf(deleted);
        leftAlone = List.copyOf(leftAlone);
    }
}
