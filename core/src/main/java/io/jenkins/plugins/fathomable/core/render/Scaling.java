package io.jenkins.plugins.fathomable.core.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.Autoscaling;

/** The HorizontalPodAutoscaler (CPU utilisation) and the PodDisruptionBudget (one pod down at a time). */
final class Scaling {

    private Scaling() {}

    static HorizontalPodAutoscaler hpa(AppSpec spec, ObjectMetadata meta) {
        Autoscaling a = spec.autoscaling();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(meta.of(spec.name()))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(spec.name())
                .endScaleTargetRef()
                .withMinReplicas(a.minReplicas())
                .withMaxReplicas(a.maxReplicas())
                .addNewMetric()
                .withType("Resource")
                .withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                .withAverageUtilization(a.targetCPUUtilizationPercentage()).endTarget().endResource()
                .endMetric()
                .endSpec()
                .build();
    }

    /** Only worth having when more than one pod runs: with one pod it would block node drains. */
    static boolean needsPdb(AppSpec spec) {
        return spec.autoscaling() != null ? spec.autoscaling().minReplicas() > 1 : spec.replicasOrDefault() > 1;
    }

    static PodDisruptionBudget pdb(AppSpec spec, ObjectMetadata meta) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(meta.of(spec.name()))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(meta.selector()).endSelector()
                .endSpec()
                .build();
    }
}
