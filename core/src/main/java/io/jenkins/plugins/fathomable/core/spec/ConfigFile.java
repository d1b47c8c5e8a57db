package io.jenkins.plugins.fathomable.core.spec;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A set of files (sorted by name) rendered into one ConfigMap and mounted as a directory at {@code mountPath}. */
public record ConfigFile(String name, String mountPath, Map<String, String> files) {
    public ConfigFile {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }
}
