package io.jenkins.plugins.fathomable.core.render;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import java.util.List;
import java.util.Map;

/** The workload object of each pattern. */
final class Workloads {

    private Workloads() {}

    /** Replicas are left out when autoscaling, so applying does not fight the HorizontalPodAutoscaler. */
    static Deployment deployment(AppSpec spec, RenderContext ctx, ObjectMetadata meta) {
        return new DeploymentBuilder()
                .withMetadata(meta.of(spec.name()))
                .withNewSpec()
                .withReplicas(spec.autoscaling() == null ? spec.replicasOrDefault() : null)
                .withNewSelector().withMatchLabels(meta.selector()).endSelector()
                .withTemplate(PodTemplates.template(spec, ctx, meta, null))
                .endSpec()
                .build();
    }

    /**
     * The claim templates carry only the selector labels: Kubernetes refuses changes to them, so nothing that
     * varies between releases may appear there.
     */
    static StatefulSet statefulSet(AppSpec spec, RenderContext ctx, ObjectMetadata meta) {
        List<PersistentVolumeClaim> claims = spec.volumes().stream().map(v -> new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(v.name()).withLabels(meta.selector()).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(v.storageClassName())
                .withNewResources().withRequests(Map.of("storage", new Quantity(v.size()))).endResources()
                .endSpec()
                .build()).toList();
        return new StatefulSetBuilder()
                .withMetadata(meta.of(spec.name()))
                .withNewSpec()
                .withServiceName(spec.name())
                .withReplicas(spec.replicasOrDefault())
                .withNewSelector().withMatchLabels(meta.selector()).endSelector()
                .withTemplate(PodTemplates.template(spec, ctx, meta, null))
                .withVolumeClaimTemplates(claims)
                .endSpec()
                .build();
    }

    /** A run never overlaps the previous one; failed pods are restarted in place. */
    static CronJob cronJob(AppSpec spec, RenderContext ctx, ObjectMetadata meta) {
        return new CronJobBuilder()
                .withMetadata(meta.of(spec.name()))
                .withNewSpec()
                .withSchedule(spec.schedule())
                .withConcurrencyPolicy("Forbid")
                .withNewJobTemplate()
                .withNewMetadata().withLabels(meta.selector()).endMetadata()
                .withNewSpec()
                .withTemplate(PodTemplates.template(spec, ctx, meta, "OnFailure"))
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }
}
