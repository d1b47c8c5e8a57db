package io.jenkins.plugins.fathomable.core.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the deliveries accepted lately (GitHub's {@code X-GitHub-Delivery}, a registry event's {@code id}), so
 * a delivery sent again is acknowledged and ignored. Bounded: the oldest ids are forgotten first.
 */
final class DeliveryLog {

    static final int CAPACITY = 20_000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized boolean seen(String id) {
        return seen.containsKey(id);
    }

    synchronized void remember(String id) {
        seen.put(id, Boolean.TRUE);
    }
}
