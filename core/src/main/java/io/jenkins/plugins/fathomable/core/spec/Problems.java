package io.jenkins.plugins.fathomable.core.spec;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem found while reading, each placed at a node's 1-based line and column. */
final class Problems {

    private final List<FieldError> errors = new ArrayList<>();

    void add(String path, String message, Node at) {
        Mark mark = at == null ? null : at.getStartMark();
        add(path, message, mark);
    }

    void add(String path, String message, Mark mark) {
        if (mark == null) {
            errors.add(new FieldError(path, message));
        } else {
            errors.add(new FieldError(path, message, mark.getLine() + 1, mark.getColumn() + 1));
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /** Every error in document order (cross-field checks run late but report where the problem is). */
    List<FieldError> sorted() {
        return errors.stream()
                .sorted(Comparator.comparingInt(FieldError::line).thenComparingInt(FieldError::column))
                .toList();
    }
}
