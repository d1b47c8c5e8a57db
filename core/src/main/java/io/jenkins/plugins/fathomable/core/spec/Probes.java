package io.jenkins.plugins.fathomable.core.spec;

/** The container's probes; each may be {@code null}. */
public record Probes(Probe liveness, Probe readiness, Probe startup) {
    public static final Probes NONE = new Probes(null, null, null);
}
