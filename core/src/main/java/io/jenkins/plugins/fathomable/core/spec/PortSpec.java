package io.jenkins.plugins.fathomable.core.spec;

/** A container port, also exposed by the Service of the patterns that have one. */
public record PortSpec(String name, int port, String protocol) {}
