package io.jenkins.plugins.fathomable.core.spec;

/** A persistent volume per replica of a stateful-service; {@code storageClassName} may be {@code null}. */
public record VolumeSpec(String name, String mountPath, String size, String storageClassName) {}
