package io.jenkins.plugins.fathomable.core.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.ConfigFile;
import io.jenkins.plugins.fathomable.core.spec.EnvVar;
import io.jenkins.plugins.fathomable.core.spec.Probe;
import io.jenkins.plugins.fathomable.core.spec.SecretMount;
import io.jenkins.plugins.fathomable.core.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The pod template all patterns share: one container, pinned by digest, with its config and secret volumes. */
final class PodTemplates {

    private PodTemplates() {}

    static PodTemplateSpec template(AppSpec spec, RenderContext ctx, ObjectMetadata meta, String restartPolicy) {
        List<Volume> volumes = new ArrayList<>();
        for (ConfigFile c : spec.configFiles()) {
            volumes.add(new VolumeBuilder().withName("config-" + c.name()).withNewConfigMap()
                    .withName(ConfigMaps.name(spec, c)).endConfigMap().build());
        }
        for (SecretMount s : spec.secrets()) {
            volumes.add(new VolumeBuilder().withName("secret-" + s.name()).withNewSecret()
                    .withSecretName(s.name()).endSecret().build());
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(meta.podLabels()).endMetadata()
                .withNewSpec()
                .withContainers(container(spec, ctx))
                .withVolumes(volumes)
                .withRestartPolicy(restartPolicy)
                .endSpec()
                .build();
    }

    private static Container container(AppSpec spec, RenderContext ctx) {
        ContainerBuilder c = new ContainerBuilder()
                .withName(spec.name())
                .withImage(ctx.image().pinned())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(spec.command())
                .withArgs(spec.args())
                .withPorts(spec.ports().stream().map(p -> new ContainerPortBuilder().withName(p.name())
                        .withContainerPort(p.port()).withProtocol(p.protocol()).build()).toList())
                .withEnv(spec.env().stream().map(PodTemplates::env).toList())
                .withVolumeMounts(mounts(spec));
        if (!spec.resources().isEmpty()) {
            c.withResources(new ResourceRequirementsBuilder()
                    .withRequests(quantities(spec.resources().requests()))
                    .withLimits(quantities(spec.resources().limits())).build());
        }
        if (spec.probes().liveness() != null) {
            c.withLivenessProbe(probe(spec.probes().liveness()));
        }
        if (spec.probes().readiness() != null) {
            c.withReadinessProbe(probe(spec.probes().readiness()));
        }
        if (spec.probes().startup() != null) {
            c.withStartupProbe(probe(spec.probes().startup()));
        }
        return c.build();
    }

    private static io.fabric8.kubernetes.api.model.EnvVar env(EnvVar v) {
        EnvVarBuilder b = new EnvVarBuilder().withName(v.name());
        if (v.secretKeyRef() != null) {
            return b.withNewValueFrom().withNewSecretKeyRef().withName(v.secretKeyRef().name())
                    .withKey(v.secretKeyRef().key()).endSecretKeyRef().endValueFrom().build();
        }
        return b.withValue(v.value()).build();
    }

    private static List<VolumeMount> mounts(AppSpec spec) {
        List<VolumeMount> m = new ArrayList<>();
        spec.configFiles().forEach(c -> m.add(new VolumeMountBuilder().withName("config-" + c.name())
                .withMountPath(c.mountPath()).withReadOnly(true).build()));
        spec.secrets().forEach(s -> m.add(new VolumeMountBuilder().withName("secret-" + s.name())
                .withMountPath(s.mountPath()).withReadOnly(true).build()));
        for (VolumeSpec v : spec.volumes()) {
            m.add(new VolumeMountBuilder().withName(v.name()).withMountPath(v.mountPath()).build());
        }
        return m;
    }

    static Map<String, Quantity> quantities(Map<String, String> q) {
        return q.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new Quantity(e.getValue()),
                (a, b) -> a, TreeMap::new));
    }

    private static io.fabric8.kubernetes.api.model.Probe probe(Probe p) {
        ProbeBuilder b = new ProbeBuilder()
                .withInitialDelaySeconds(p.initialDelaySeconds())
                .withPeriodSeconds(p.periodSeconds())
                .withTimeoutSeconds(p.timeoutSeconds())
                .withFailureThreshold(p.failureThreshold());
        switch (p.kind()) {
            case HTTP -> b.withNewHttpGet().withPath(p.path()).withPort(port(p.port())).endHttpGet();
            case TCP -> b.withNewTcpSocket().withPort(port(p.port())).endTcpSocket();
            case EXEC -> b.withNewExec().withCommand(p.command()).endExec();
        }
        return b.build();
    }

    /** A port reference as Kubernetes wants it: a number when it is one, otherwise the port's name. */
    static IntOrString port(String ref) {
        return ref.chars().allMatch(Character::isDigit) ? new IntOrString(Integer.parseInt(ref)) : new IntOrString(ref);
    }
}
