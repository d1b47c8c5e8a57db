package io.jenkins.plugins.fathomable.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read against the fields it may have: unknown and duplicate fields are reported when it is
 * opened, and the typed getters report wrong types and missing required fields. Getters return {@code null}
 * after reporting, so reading goes on and every problem is found in one pass.
 */
final class YamlMap {

    private final String path;
    private final MappingNode node;
    private final Problems problems;
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

    private YamlMap(String path, MappingNode node, Problems problems, Set<String> allowed) {
        this.path = path;
        this.node = node;
        this.problems = problems;
        for (NodeTuple t : node.getValue()) {
            Node key = t.getKeyNode();
            if (!(key instanceof ScalarNode s) || !Tag.STR.equals(key.getTag())) {
                problems.add(path, "field names must be plain text, got " + describe(key), key);
                continue;
            }
            String name = s.getValue();
            if (!allowed.contains(name)) {
                problems.add(child(name), "unknown field (allowed: " + String.join(", ", new TreeSet<>(allowed))
                        + ")", key);
            } else if (fields.containsKey(name)) {
                problems.add(child(name), "duplicate field", key);
            } else {
                fields.put(name, t);
            }
        }
    }

    /** Opens {@code value} as a mapping, or reports that it is not one and returns {@code null}. */
    static YamlMap open(String path, Node value, Problems problems, Set<String> allowed) {
        if (value instanceof MappingNode m) {
            return new YamlMap(path, m, problems, allowed);
        }
        problems.add(path, "must be a mapping, got " + describe(value), value);
        return null;
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The value node of a field, or {@code null} when absent. */
    Node value(String name) {
        NodeTuple t = fields.get(name);
        return t == null ? null : t.getValueNode();
    }

    /** The key node of a field (where "not allowed here" problems point), or the mapping when absent. */
    Node key(String name) {
        NodeTuple t = fields.get(name);
        return t == null ? node : t.getKeyNode();
    }

    void requireField(String name) {
        if (!has(name)) {
            problems.add(child(name), "is required", node);
        }
    }

    String string(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                requireField(name);
            }
            return null;
        }
        Node v = value(name);
        if (v instanceof ScalarNode s && Tag.STR.equals(v.getTag())) {
            return s.getValue();
        }
        String hint = v instanceof ScalarNode && !Tag.NULL.equals(v.getTag()) ? " (quote it)" : "";
        problems.add(child(name), "must be a string, got " + describe(v) + hint, v);
        return null;
    }

    /** An integer in {@code min..max}, or {@code null} (after reporting) when absent, mistyped or out of range. */
    Integer integer(String name, boolean required, int min, int max) {
        if (!has(name)) {
            if (required) {
                requireField(name);
            }
            return null;
        }
        Node v = value(name);
        if (!(v instanceof ScalarNode s) || !Tag.INT.equals(v.getTag())) {
            problems.add(child(name), "must be an integer, got " + describe(v), v);
            return null;
        }
        long n;
        try {
            n = Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE; // hex, octal or out of long range: treat as out of range
        }
        if (n < min || n > max) {
            problems.add(child(name), "must be " + min + ".." + max, v);
            return null;
        }
        return (int) n;
    }

    /** A scalar that may be written as a number or a string (quantities, port references); text form. */
    String scalarText(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                requireField(name);
            }
            return null;
        }
        Node v = value(name);
        Tag t = v.getTag();
        if (v instanceof ScalarNode s && (Tag.STR.equals(t) || Tag.INT.equals(t) || Tag.FLOAT.equals(t))) {
            return s.getValue();
        }
        problems.add(child(name), "must be a string or a number, got " + describe(v), v);
        return null;
    }

    YamlMap map(String name, boolean required, Set<String> allowed) {
        if (!has(name)) {
            if (required) {
                requireField(name);
            }
            return null;
        }
        return open(child(name), value(name), problems, allowed);
    }

    /** The items of a list field (empty when absent or mistyped). */
    List<Node> list(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                requireField(name);
            }
            return List.of();
        }
        Node v = value(name);
        if (v instanceof SequenceNode s) {
            return s.getValue();
        }
        problems.add(child(name), "must be a list, got " + describe(v), v);
        return List.of();
    }

    /** A list of strings; non-strings are reported and left out. */
    List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        List<Node> items = list(name, false);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (item instanceof ScalarNode s && Tag.STR.equals(item.getTag())) {
                out.add(s.getValue());
            } else {
                problems.add(child(name) + "[" + i + "]", "must be a string, got " + describe(item) + " (quote it)",
                        item);
            }
        }
        return out;
    }

    /** The fields of a mapping of plain strings (such as file name → content), in document order. */
    Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        Node v = value(name);
        if (v == null) {
            return out;
        }
        if (!(v instanceof MappingNode m)) {
            problems.add(child(name), "must be a mapping, got " + describe(v), v);
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            Node val = t.getValueNode();
            if (!(k instanceof ScalarNode ks) || !Tag.STR.equals(k.getTag())) {
                problems.add(child(name), "names must be plain text, got " + describe(k), k);
            } else if (out.containsKey(ks.getValue())) {
                problems.add(child(name) + "." + ks.getValue(), "duplicate field", k);
            } else if (!(val instanceof ScalarNode vs) || !Tag.STR.equals(val.getTag())) {
                problems.add(child(name) + "." + ks.getValue(), "must be a string, got " + describe(val), val);
            } else {
                out.put(ks.getValue(), vs.getValue());
            }
        }
        return out;
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        Tag t = n.getTag();
        if (Tag.STR.equals(t)) {
            return "a string";
        }
        if (Tag.INT.equals(t) || Tag.FLOAT.equals(t)) {
            return "a number";
        }
        if (Tag.BOOL.equals(t)) {
            return "a boolean";
        }
        if (Tag.NULL.equals(t)) {
            return "nothing";
        }
        return "a value tagged " + t.getValue();
    }
}
