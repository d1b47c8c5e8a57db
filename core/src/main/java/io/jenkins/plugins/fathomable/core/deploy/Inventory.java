package io.jenkins.plugins.fathomable.core.deploy;

import java.util.List;

/**
 * The objects one release applied in one environment, in apply order. The caller records it with the release;
 * the next release of the same tracker and environment passes it back so that {@link Pruner} can delete what is no
 * longer rendered.
 */
public record Inventory(List<ObjectRef> objects) {

    public Inventory {
        objects = List.copyOf(objects);
    }

    public static Inventory empty() {
        return new Inventory(List.of());
    }

    public boolean contains(ObjectRef ref) {
        return objects.stream().anyMatch(ref::sameObject);
    }

    /** The objects listed here that {@code newer} no longer lists. */
    public List<ObjectRef> missingFrom(Inventory newer) {
        return objects.stream().filter(ref -> !newer.contains(ref)).toList();
    }
}
