package io.jenkins.plugins.fathomable.core.spec;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Measures a composed document as its consumers see it, with every alias expanded: the characters of its keys and
 * values and the number of its nodes. An alias is the same node object as its anchor, so each distinct node is
 * measured once and counted at every use; the walk stays linear in the file while the totals are those of the
 * expanded tree. snakeyaml bounds aliases to collections only, so scalar aliases need this. The same walk refuses
 * text that is not valid Unicode (a lone surrogate from an escape such as {@code "\uD800"}).
 */
final class ExpandedSize {

    private record Size(long chars, long nodes) {
        Size plus(Size o) {
            return new Size(saturated(chars + o.chars), saturated(nodes + o.nodes));
        }

        private static long saturated(long v) {
            return v < 0 ? Long.MAX_VALUE : v;
        }
    }

    private final Map<Node, Size> measured = new IdentityHashMap<>();
    private final Map<Node, Integer> uses = new IdentityHashMap<>();
    private final Map<Node, Boolean> open = new IdentityHashMap<>();

    private ExpandedSize() {}

    /** The problem when {@code root} expands beyond the limits, placed at the value repeated most; else empty. */
    static Optional<FieldError> check(Node root, long maxChars, long maxNodes) {
        ExpandedSize walk = new ExpandedSize();
        Size total;
        try {
            total = walk.measure(root);
        } catch (Recursive e) {
            return Optional.of(at(e.node, "is refused: an alias refers to a value that contains it"));
        } catch (LoneSurrogate e) {
            return Optional.of(at(e.node, String.format("is not valid YAML: \\u%04X is half of a character (a lone"
                    + " surrogate); write the whole character", (int) e.half)));
        }
        if (total.chars <= maxChars && total.nodes <= maxNodes) {
            return Optional.empty();
        }
        Node culprit = walk.mostRepeated();
        String what = total.chars > maxChars
                ? "more than " + maxChars + " characters of text (" + (maxChars / (1024 * 1024)) + " MiB)"
                : "more than " + maxNodes + " values";
        String message = "is refused: once its aliases are expanded it holds " + what
                + (culprit == null ? "" : "; the value anchored here is used " + walk.uses.get(culprit) + " times");
        return Optional.of(at(culprit == null ? root : culprit, message));
    }

    private static FieldError at(Node node, String message) {
        var mark = node.getStartMark();
        return mark == null ? new FieldError("document", message, 1, 1)
                : new FieldError("document", message, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private Size measure(Node node) {
        uses.merge(node, 1, Integer::sum);
        Size known = measured.get(node);
        if (known != null) {
            return known;
        }
        if (open.put(node, Boolean.TRUE) != null) {
            throw new Recursive(node);
        }
        Size size = new Size(0, 1);
        if (node instanceof ScalarNode s) {
            checkUnicode(s);
            size = new Size(s.getValue().length(), 1);
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                size = size.plus(measure(item));
            }
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                size = size.plus(measure(t.getKeyNode())).plus(measure(t.getValueNode()));
            }
        }
        open.remove(node);
        measured.put(node, size);
        return size;
    }

    /** An escape such as {@code "\uD800"} yields half a character, which no output can encode: refused here too. */
    private static void checkUnicode(ScalarNode s) {
        String v = s.getValue();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new LoneSurrogate(s, c);
            }
        }
    }

    /** The node used more than once whose repetitions add the most text. */
    private Node mostRepeated() {
        Node best = null;
        long bestExtra = 0;
        for (Map.Entry<Node, Integer> e : uses.entrySet()) {
            if (e.getValue() > 1) {
                Size s = measured.get(e.getKey());
                long extra = (s.chars + s.nodes) * (e.getValue() - 1L);
                if (extra > bestExtra || extra < 0) {
                    best = e.getKey();
                    bestExtra = extra < 0 ? Long.MAX_VALUE : extra;
                }
            }
        }
        return best;
    }

    private static final class LoneSurrogate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Node node;
        private final char half;

        LoneSurrogate(Node node, char half) {
            super(null, null, false, false);
            this.node = node;
            this.half = half;
        }
    }

    private static final class Recursive extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Node node;

        Recursive(Node node) {
            super(null, null, false, false);
            this.node = node;
        }
    }
}
