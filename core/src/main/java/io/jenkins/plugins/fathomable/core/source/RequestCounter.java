package io.jenkins.plugins.fathomable.core.source;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Thread-safe counts of outgoing requests by {@link RequestKind}; cumulative, read by snapshot. */
public final class RequestCounter {

    private final AtomicLongArray counts = new AtomicLongArray(RequestKind.values().length);

    public void record(RequestKind kind) {
        counts.incrementAndGet(kind.ordinal());
    }

    public long count(RequestKind kind) {
        return counts.get(kind.ordinal());
    }

    /** Every kind with its count so far (zeros included), in declaration order. */
    public Map<RequestKind, Long> snapshot() {
        Map<RequestKind, Long> map = new EnumMap<>(RequestKind.class);
        for (RequestKind kind : RequestKind.values()) {
            map.put(kind, count(kind));
        }
        return Collections.unmodifiableMap(map);
    }

    /** What happened between two snapshots: {@code after - before} per kind. */
    public static Map<RequestKind, Long> difference(Map<RequestKind, Long> after, Map<RequestKind, Long> before) {
        Map<RequestKind, Long> map = new EnumMap<>(RequestKind.class);
        for (RequestKind kind : RequestKind.values()) {
            map.put(kind, after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L));
        }
        return Collections.unmodifiableMap(map);
    }
}
