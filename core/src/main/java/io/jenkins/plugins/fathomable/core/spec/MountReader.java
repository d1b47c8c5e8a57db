package io.jenkins.plugins.fathomable.core.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;

/** Reads what is mounted into the container: config files, secrets and volumes; mount paths must not clash. */
final class MountReader {

    private final Problems problems;
    /** Mount path → the field that first used it, for the clash check. */
    private final Map<String, String> mountPaths = new LinkedHashMap<>();

    MountReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The config files of {@code spec.configFiles} (when {@code baseNames} is {@code null}) or of an environment
     * override, where a config already in {@code baseNames} may leave out its mount path. Only the base
     * configs take part in the mount path clash check: each environment mounts its own set.
     */
    List<ConfigFile> configFiles(String path, List<Node> items, Set<String> baseNames) {
        List<ConfigFile> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap c = YamlMap.open(path + "[" + i + "]", items.get(i), problems, Set.of("name", "mountPath", "files"));
            if (c == null) {
                continue;
            }
            int before = problems.count();
            String name = c.string("name", true);
            if (name != null && !report(c, "name", Names.dnsLabel(name, Names.VOLUME_NAME_MAX))
                    && !names.add(name)) {
                problems.add(c.child("name"), "duplicate config name '" + name + "'", c.value("name"));
            }
            boolean base = baseNames == null;
            boolean inherited = !base && name != null && baseNames.contains(name);
            String mount = c.string("mountPath", !inherited && c.has("name"));
            if (mount != null && !report(c, "mountPath", Names.absolutePath(mount)) && base) {
                claim(mount, c, "mountPath");
            }
            c.requireField("files");
            Map<String, String> files = c.stringMap("files");
            if (c.has("files") && files.isEmpty() && problems.count() == before) {
                problems.add(c.child("files"), "must hold at least one file", c.value("files"));
            }
            files.keySet().forEach(f -> {
                String problem = Names.fileKey(f);
                if (problem != null) {
                    problems.add(c.child("files") + "." + f, problem, c.value("files"));
                }
            });
            if (problems.count() == before) {
                out.add(new ConfigFile(name, mount, new TreeMap<>(files)));
            }
        }
        return out;
    }

    List<SecretMount> secrets(YamlMap spec) {
        List<SecretMount> out = new ArrayList<>();
        List<Node> items = spec.list("secrets", false);
        for (int i = 0; i < items.size(); i++) {
            YamlMap s = YamlMap.open(spec.child("secrets") + "[" + i + "]", items.get(i), problems,
                    Set.of("name", "mountPath"));
            if (s == null) {
                continue;
            }
            String name = s.string("name", true);
            boolean ok = name != null && !report(s, "name", Names.dnsLabel(name, Names.VOLUME_NAME_MAX));
            String mount = s.string("mountPath", true);
            ok &= mount != null && !report(s, "mountPath", Names.absolutePath(mount)) && claim(mount, s, "mountPath");
            if (ok) {
                out.add(new SecretMount(name, mount));
            }
        }
        return out;
    }

    List<VolumeSpec> volumes(YamlMap spec) {
        List<VolumeSpec> out = new ArrayList<>();
        List<Node> items = spec.list("volumes", false);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap v = YamlMap.open(spec.child("volumes") + "[" + i + "]", items.get(i), problems,
                    Set.of("name", "mountPath", "size", "storageClassName"));
            if (v == null) {
                continue;
            }
            int before = problems.count();
            String name = v.string("name", true);
            if (name != null && !report(v, "name", Names.dnsLabel(name, Names.VOLUME_NAME_MAX)) && !names.add(name)) {
                problems.add(v.child("name"), "duplicate volume name '" + name + "'", v.value("name"));
            }
            String mount = v.string("mountPath", true);
            if (mount != null && !report(v, "mountPath", Names.absolutePath(mount))) {
                claim(mount, v, "mountPath");
            }
            String size = v.scalarText("size", true);
            if (size != null) {
                report(v, "size", Names.quantity(size));
            }
            String storageClass = v.string("storageClassName", false);
            if (storageClass != null) {
                report(v, "storageClassName", Names.secretName(storageClass));
            }
            if (problems.count() == before) {
                out.add(new VolumeSpec(name, mount, size, storageClass));
            }
        }
        return out;
    }

    /** Records a mount path; a second use of the same path is reported. */
    private boolean claim(String mountPath, YamlMap m, String field) {
        String first = mountPaths.putIfAbsent(mountPath, m.child(field));
        if (first != null) {
            problems.add(m.child(field), "'" + mountPath + "' is already mounted by " + first, m.value(field));
            return false;
        }
        return true;
    }

    private boolean report(YamlMap m, String field, String problem) {
        if (problem != null) {
            problems.add(m.child(field), problem, m.value(field));
            return true;
        }
        return false;
    }
}
