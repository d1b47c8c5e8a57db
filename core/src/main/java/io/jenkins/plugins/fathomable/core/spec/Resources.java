package io.jenkins.plugins.fathomable.core.spec;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Container requests and limits: resource name ({@code cpu}, {@code memory}, {@code ephemeral-storage}) to a
 * Kubernetes quantity, each map sorted by name.
 */
public record Resources(Map<String, String> requests, Map<String, String> limits) {

    public static final Resources NONE = new Resources(new TreeMap<>(), new TreeMap<>());

    public Resources {
        requests = Collections.unmodifiableMap(new TreeMap<>(requests));
        limits = Collections.unmodifiableMap(new TreeMap<>(limits));
    }

    public boolean isEmpty() {
        return requests.isEmpty() && limits.isEmpty();
    }

    /** This block with every quantity that {@code override} names replaced by the override's value. */
    public Resources overriddenBy(Resources override) {
        TreeMap<String, String> r = new TreeMap<>(requests);
        r.putAll(override.requests);
        TreeMap<String, String> l = new TreeMap<>(limits);
        l.putAll(override.limits);
        return new Resources(r, l);
    }
}
