package io.jenkins.plugins.fathomable.core.deploy;

import java.util.Objects;

/**
 * What applying would do to one object.
 *
 * @param diff unified diff from the live object to the dry-run result (empty when unchanged); server-owned fields
 *             (status, managedFields, resourceVersion, uid, generation, creationTimestamp) are left out and Secret
 *             values are masked
 */
public record ObjectDiff(ObjectRef ref, Change change, String diff) {

    public enum Change { ADDED, CHANGED, UNCHANGED, REMOVED }

    public ObjectDiff {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(change, "change");
        diff = diff == null ? "" : diff;
    }
}
