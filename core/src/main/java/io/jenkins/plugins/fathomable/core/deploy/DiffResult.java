package io.jenkins.plugins.fathomable.core.deploy;

import java.util.List;
import java.util.stream.Collectors;

/** What applying a release would change, object by object, for approvals and the CLI. */
public record DiffResult(List<ObjectDiff> objects) {

    public DiffResult {
        objects = List.copyOf(objects);
    }

    public List<ObjectRef> refs(ObjectDiff.Change change) {
        return objects.stream().filter(o -> o.change() == change).map(ObjectDiff::ref).toList();
    }

    public boolean hasChanges() {
        return objects.stream().anyMatch(o -> o.change() != ObjectDiff.Change.UNCHANGED);
    }

    /** A one-line count per change, then every non-empty diff. */
    public String text() {
        String summary = "%d to add, %d to change, %d unchanged, %d to remove".formatted(
                refs(ObjectDiff.Change.ADDED).size(), refs(ObjectDiff.Change.CHANGED).size(),
                refs(ObjectDiff.Change.UNCHANGED).size(), refs(ObjectDiff.Change.REMOVED).size());
        String diffs = objects.stream().filter(o -> !o.diff().isEmpty()).map(ObjectDiff::diff)
                .collect(Collectors.joining());
        return diffs.isEmpty() ? summary + "\n" : summary + "\n\n" + diffs;
    }
}
