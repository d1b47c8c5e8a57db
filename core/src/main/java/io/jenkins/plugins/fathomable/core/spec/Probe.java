package io.jenkins.plugins.fathomable.core.spec;

import java.util.List;

/**
 * A health probe of one {@link Kind}. {@code port} is a port name or number (as text) for HTTP and TCP probes,
 * {@code path} only for HTTP, {@code command} only for exec. Timings are {@code null} when left to Kubernetes.
 */
public record Probe(Kind kind, String path, String port, List<String> command, Integer initialDelaySeconds,
        Integer periodSeconds, Integer timeoutSeconds, Integer failureThreshold) {

    public enum Kind { HTTP, TCP, EXEC }

    public Probe {
        command = command == null ? List.of() : List.copyOf(command);
    }
}
