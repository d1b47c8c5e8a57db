package io.jenkins.plugins.fathomable.e2e.casc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares a YAML tree that was applied with one Jenkins exported, key by key ({@code trackers[0].branch}). Numbers
 * compare by value ({@code 10} equals {@code 10.0}). A key the export leaves out is fine only when the applied value
 * is that key's default (Configuration as Code exports only what differs from a fresh instance).
 */
final class SettingsDiff {

    private SettingsDiff() {
    }

    /** @param defaults default values by key name without the list index ({@code registries[].maxConcurrent}) */
    static List<String> differences(Object applied, Object exported, Map<String, Object> defaults) {
        List<String> out = new ArrayList<>();
        compare("", applied, exported, defaults, out);
        return out;
    }

    private static void compare(String path, Object a, Object e, Map<String, Object> defaults, List<String> out) {
        if (a instanceof Map<?, ?> am && e instanceof Map<?, ?> em) {
            TreeSet<String> keys = new TreeSet<>();
            am.keySet().forEach(k -> keys.add(String.valueOf(k)));
            em.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                String p = path.isEmpty() ? key.toString() : path + "." + key;
                if (!em.containsKey(key)) {
                    Object def = defaults.get(p.replaceAll("\\[\\d+]", "[]"));
                    if (def == null || !same(def, am.get(key))) {
                        out.add(p + ": applied " + am.get(key) + ", missing from the export");
                    }
                } else if (!am.containsKey(key)) {
                    out.add(p + ": exported " + em.get(key) + ", not in the applied file");
                } else {
                    compare(p, am.get(key), em.get(key), defaults, out);
                }
            }
        } else if (a instanceof List<?> al && e instanceof List<?> el) {
            if (al.size() != el.size()) {
                out.add(path + ": applied " + al.size() + " entries, exported " + el.size());
                return;
            }
            for (int i = 0; i < al.size(); i++) {
                compare(path + "[" + i + "]", al.get(i), el.get(i), defaults, out);
            }
        } else if (!same(a, e)) {
            out.add(path + ": applied " + a + ", exported " + e);
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.strip().equals(y.strip());
        }
        return Objects.equals(a, b);
    }
}
