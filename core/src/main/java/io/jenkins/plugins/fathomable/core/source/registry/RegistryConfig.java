package io.jenkins.plugins.fathomable.core.source.registry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach each registry: which credentials id to use, whether plain HTTP is allowed, and the request limits.
 * Registries not listed are reached anonymously over HTTPS (plain HTTP for loopback hosts) with the default limits.
 *
 * @param registries settings by registry host as written in image references ({@code ghcr.io}, {@code docker.io},
 *                   {@code registry.example.com:5000})
 * @param defaultLimits limits for registries without their own
 */
public record RegistryConfig(Map<String, Registry> registries, Limits defaultLimits) {

    public RegistryConfig {
        registries = Map.copyOf(registries);
        Objects.requireNonNull(defaultLimits, "defaultLimits");
    }

    /** No credentials, default limits. */
    public static RegistryConfig anonymous() {
        return new RegistryConfig(Map.of(), Limits.DEFAULT);
    }

    /** A copy with {@code registry} added or replaced. */
    public RegistryConfig with(Registry registry) {
        Map<String, Registry> copy = new LinkedHashMap<>(registries);
        copy.put(registry.host(), registry);
        return new RegistryConfig(copy, defaultLimits);
    }

    /** The settings for a registry host, falling back to anonymous access with the default limits. */
    public Registry forHost(String host) {
        Registry configured = registries.get(host);
        return configured != null ? configured : new Registry(host, null, false, defaultLimits);
    }

    /**
     * @param host          registry host as written in image references
     * @param credentialsId id resolved through the credentials port at each token fetch, or {@code null}
     * @param insecure      allow plain HTTP although the host is not loopback (never recommended)
     * @param limits        this registry's request limits
     */
    public record Registry(String host, String credentialsId, boolean insecure, Limits limits) {
        public Registry {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(limits, "limits");
        }

        public static Registry of(String host, String credentialsId) {
            return new Registry(host, credentialsId, false, Limits.DEFAULT);
        }
    }

    /**
     * Request limits for one registry.
     *
     * @param maxConcurrent     requests in flight at once
     * @param requestsPerSecond cap on the request rate
     * @param maxRetries        retries after a 429 or 5xx answer
     * @param initialBackoff    first wait when the registry sends no {@code Retry-After}; doubled on each retry
     * @param maxBackoff        longest wait inside one poll; a longer {@code Retry-After} pauses the registry instead
     */
    public record Limits(int maxConcurrent, double requestsPerSecond, int maxRetries, Duration initialBackoff,
            Duration maxBackoff) {

        public static final Limits DEFAULT = new Limits(4, 10, 3, Duration.ofMillis(500), Duration.ofSeconds(30));

        public Limits {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1");
            }
            if (!(requestsPerSecond > 0)) {
                throw new IllegalArgumentException("requestsPerSecond must be positive");
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative");
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
        }
    }
}
