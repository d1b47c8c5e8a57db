package io.jenkins.plugins.fathomable.core.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a spec into the Kubernetes objects of one environment. Pure and deterministic: the same spec and
 * context always give equal objects in the same order — ConfigMaps, Services, the workload,
 * HorizontalPodAutoscaler, PodDisruptionBudget, Ingress — so applying them in order never refers to a missing
 * object.
 */
public final class Renderer {

    private Renderer() {}

    /** The objects for {@code ctx.environment()}, with that environment's overrides applied. */
    public static List<HasMetadata> render(AppSpec spec, RenderContext ctx) {
        AppSpec effective = spec.forEnvironment(ctx.env());
        ObjectMetadata meta = new ObjectMetadata(effective, ctx);
        List<HasMetadata> out = new ArrayList<>(ConfigMaps.render(effective, meta));
        switch (effective.pattern()) {
            case WEB_SERVICE -> {
                out.add(Exposure.service(effective, meta, false));
                out.add(Workloads.deployment(effective, ctx, meta));
                if (effective.autoscaling() != null) {
                    out.add(Scaling.hpa(effective, meta));
                }
                if (Scaling.needsPdb(effective)) {
                    out.add(Scaling.pdb(effective, meta));
                }
                if (effective.ingress() != null) {
                    out.add(Exposure.ingress(effective, meta));
                }
            }
            case WORKER -> {
                out.add(Workloads.deployment(effective, ctx, meta));
                if (effective.autoscaling() != null) {
                    out.add(Scaling.hpa(effective, meta));
                }
            }
            case CRON_JOB -> out.add(Workloads.cronJob(effective, ctx, meta));
            case STATEFUL_SERVICE -> {
                out.add(Exposure.service(effective, meta, true));
                out.add(Workloads.statefulSet(effective, ctx, meta));
            }
        }
        return List.copyOf(out);
    }
}
