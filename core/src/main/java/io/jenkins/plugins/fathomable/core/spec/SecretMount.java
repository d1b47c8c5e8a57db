package io.jenkins.plugins.fathomable.core.spec;

/** An existing Kubernetes Secret, by name only, mounted as files at {@code mountPath}. */
public record SecretMount(String name, String mountPath) {}
