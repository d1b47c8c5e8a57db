package io.jenkins.plugins.fathomable.core.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Turns objects into comparable YAML and diffs them; keeps server bookkeeping and Secret values out. */
final class ManifestText {

    private static final List<String> SERVER_METADATA =
            List.of("managedFields", "resourceVersion", "uid", "generation", "creationTimestamp");
    private static final String MASK = "****";
    private static final int CONTEXT_LINES = 3;

    /** Quotes only where YAML needs them, so the diff reads like the manifests people write. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    private final KubernetesSerialization serialization;

    ManifestText(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** The object as a sorted map without status and server-owned metadata (null stays null). */
    @SuppressWarnings("unchecked")
    Map<String, Object> normalize(Object object) {
        if (object == null) {
            return null;
        }
        Map<String, Object> map = sorted(serialization.convertValue(object, Map.class));
        map.remove("status");
        if (map.get("metadata") instanceof Map<?, ?> metadata) {
            SERVER_METADATA.forEach(metadata::remove);
        }
        return map;
    }

    /**
     * Masks Secret values on both sides; a value that differs shows as {@code **** (changed)} on the new side, so
     * the diff still tells that it changed without telling what it is.
     */
    static void maskSecretValues(Map<String, Object> live, Map<String, Object> next) {
        for (String field : List.of("data", "stringData")) {
            Map<?, ?> old = live == null ? Map.of() : asMap(live.get(field));
            if (live != null && live.get(field) instanceof Map<?, ?> values) {
                live.put(field, masked(values, old, false));
            }
            if (next != null && next.get(field) instanceof Map<?, ?> values) {
                next.put(field, masked(values, old, live != null));
            }
        }
    }

    private static Map<String, Object> masked(Map<?, ?> values, Map<?, ?> old, boolean markChanges) {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(String.valueOf(k),
                markChanges && !Objects.equals(old.get(k), v) ? MASK + " (changed)" : MASK));
        return out;
    }

    private static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    String yaml(Map<String, Object> map) {
        try {
            return map == null ? "" : YAML.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** A unified diff with {@code ---}/{@code +++} headers naming the object, or "" when both sides are equal. */
    String diff(ObjectRef ref, Map<String, Object> before, Map<String, Object> after) {
        List<String> a = lines(yaml(before));
        List<String> b = lines(yaml(after));
        if (a.equals(b)) {
            return "";
        }
        String name = ref.toString();
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff(
                before == null ? "/dev/null" : "live: " + name, after == null ? "/dev/null" : "apply: " + name,
                a, DiffUtils.diff(a, b), CONTEXT_LINES);
        return String.join("\n", out) + "\n";
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sorted(Map<String, Object> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? sorted((Map<String, Object>) m)
                : v instanceof List<?> l ? sortedList(l) : v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> sortedList(List<?> list) {
        List<Object> out = new ArrayList<>();
        for (Object v : list) {
            out.add(v instanceof Map<?, ?> m ? sorted((Map<String, Object>) m) : v instanceof List<?> l ? sortedList(l) : v);
        }
        return out;
    }
}
