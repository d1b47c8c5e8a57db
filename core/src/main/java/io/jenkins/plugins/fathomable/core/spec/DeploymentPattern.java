package io.jenkins.plugins.fathomable.core.spec;

import java.util.Arrays;
import java.util.Optional;

/** How an application runs; each pattern renders a documented set of Kubernetes objects. */
public enum DeploymentPattern {
    /** Deployment, Service, optional Ingress, HorizontalPodAutoscaler and PodDisruptionBudget. */
    WEB_SERVICE("web-service"),
    /** Deployment (and a HorizontalPodAutoscaler when autoscaling). */
    WORKER("worker"),
    /** CronJob. */
    CRON_JOB("cron-job"),
    /** StatefulSet, headless Service, volume claim templates. */
    STATEFUL_SERVICE("stateful-service");

    private final String id;

    DeploymentPattern(String id) {
        this.id = id;
    }

    /** The name used in {@code spec.pattern}. */
    public String id() {
        return id;
    }

    public static Optional<DeploymentPattern> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(DeploymentPattern::id).toList());
    }
}
