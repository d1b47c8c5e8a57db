package io.jenkins.plugins.fathomable.core.spec;

/** Horizontal autoscaling on CPU: between {@code minReplicas} and {@code maxReplicas} pods. */
public record Autoscaling(int minReplicas, int maxReplicas, int targetCPUUtilizationPercentage) {}
