package io.jenkins.plugins.fathomable.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.DeploymentPattern;
import io.jenkins.plugins.fathomable.core.spec.Environment;
import io.jenkins.plugins.fathomable.core.spec.Examples;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RendererTest {

    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    static AppSpec example(DeploymentPattern pattern) throws IOException {
        return SpecParser.parse(Files.readString(Examples.of(pattern))).orThrow();
    }

    static List<HasMetadata> render(DeploymentPattern pattern, Environment env) throws IOException {
        AppSpec spec = example(pattern);
        return Renderer.render(spec, RenderGoldenTest.context(spec, env));
    }

    static List<String> kinds(List<HasMetadata> objects) {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    @Test
    void eachPatternRendersItsDocumentedObjectsInApplyOrder() throws IOException {
        assertThat(kinds(render(DeploymentPattern.WEB_SERVICE, Environment.DEV)))
                .containsExactly("ConfigMap", "Service", "Deployment", "Ingress");
        assertThat(kinds(render(DeploymentPattern.WEB_SERVICE, Environment.PREPROD)))
                .containsExactly("ConfigMap", "Service", "Deployment", "PodDisruptionBudget", "Ingress");
        assertThat(kinds(render(DeploymentPattern.WEB_SERVICE, Environment.PROD))).containsExactly("ConfigMap",
                "ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress");
        assertThat(kinds(render(DeploymentPattern.WORKER, Environment.DEV))).containsExactly("Deployment");
        assertThat(kinds(render(DeploymentPattern.WORKER, Environment.PROD)))
                .containsExactly("Deployment", "HorizontalPodAutoscaler");
        assertThat(kinds(render(DeploymentPattern.CRON_JOB, Environment.DEV))).containsExactly("ConfigMap", "CronJob");
        assertThat(kinds(render(DeploymentPattern.STATEFUL_SERVICE, Environment.DEV)))
                .containsExactly("Service", "StatefulSet");
    }

    @Test
    void everyObjectCarriesValidLabelsAndTheFullValuesInAnnotations() throws IOException {
        for (DeploymentPattern p : DeploymentPattern.values()) {
            for (HasMetadata o : render(p, Environment.PROD)) {
                Map<String, String> labels = o.getMetadata().getLabels();
                assertThat(labels).containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance",
                        "app.kubernetes.io/version", "fathomable.io/tracker", "fathomable.io/git-commit",
                        "fathomable.io/image-digest").containsEntry("app.kubernetes.io/managed-by", "fathomable");
                labels.forEach((k, v) -> assertThat(v).as("label %s on %s", k, o.getKind()).hasSizeLessThanOrEqualTo(63)
                        .matches(LABEL_VALUE));
                assertThat(labels.get("fathomable.io/image-digest"))
                        .isEqualTo(RenderGoldenTest.DIGEST.substring("sha256:".length(), "sha256:".length() + 40));
                assertThat(o.getMetadata().getAnnotations())
                        .containsEntry("fathomable.io/image-digest", RenderGoldenTest.DIGEST)
                        .containsEntry("fathomable.io/git-commit", RenderGoldenTest.COMMIT);
                assertThat(o.getMetadata().getNamespace()).endsWith("-prod");
            }
        }
    }

    @Test
    void pinsTheImageByDigestAndKeepsTheTagInAnAnnotation() throws IOException {
        Deployment d = (Deployment) render(DeploymentPattern.WORKER, Environment.DEV).get(0);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/acme/invoice-worker@" + RenderGoldenTest.DIGEST);
        assertThat(d.getMetadata().getAnnotations()).containsEntry("fathomable.io/image-tag", "2.3.7");
    }

    @Test
    void aLongTagIsShortenedInTheVersionLabelOnly() throws IOException {
        AppSpec spec = example(DeploymentPattern.WORKER);
        String tag = "release-" + "x".repeat(70) + "_";
        RenderContext ctx = new RenderContext("dev", "ns", new TrackerId("acme", "w"), RenderContext.UNKNOWN_COMMIT,
                new ImageVersion(spec.image().repository(), tag, RenderGoldenTest.DIGEST));
        HasMetadata d = Renderer.render(spec, ctx).get(0);
        assertThat(d.getMetadata().getLabels().get("app.kubernetes.io/version")).hasSize(63).startsWith("release-x");
        assertThat(d.getMetadata().getAnnotations()).containsEntry("fathomable.io/image-tag", tag);
        assertThat(d.getMetadata().getLabels()).containsEntry("fathomable.io/git-commit", "unknown");
    }

    @Test
    void aConfigChangeRenamesTheConfigMapAndChangesThePodTemplate() throws IOException {
        List<HasMetadata> dev = render(DeploymentPattern.CRON_JOB, Environment.DEV);
        List<HasMetadata> prod = render(DeploymentPattern.CRON_JOB, Environment.PROD);
        ConfigMap devConfig = (ConfigMap) dev.get(0);
        ConfigMap prodConfig = (ConfigMap) prod.get(0);
        assertThat(devConfig.getMetadata().getName()).matches("nightly-report-report-[0-9a-f]{10}");
        assertThat(prodConfig.getMetadata().getName()).isNotEqualTo(devConfig.getMetadata().getName());
        assertThat(prodConfig.getData().get("recipients.txt")).contains("cfo@example.com");
        CronJob job = (CronJob) prod.get(1);
        assertThat(job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getConfigMap().getName()).isEqualTo(prodConfig.getMetadata().getName());
        // same content in another environment: same name (the hash covers only the files)
        assertThat(((ConfigMap) render(DeploymentPattern.CRON_JOB, Environment.HA).get(0)).getMetadata().getName())
                .isEqualTo(devConfig.getMetadata().getName());
    }

    @Test
    void autoscalingLeavesReplicasToTheAutoscaler() throws IOException {
        Deployment prod = (Deployment) render(DeploymentPattern.WEB_SERVICE, Environment.PROD).get(3);
        assertThat(prod.getSpec().getReplicas()).isNull();
        Deployment dev = (Deployment) render(DeploymentPattern.WEB_SERVICE, Environment.DEV).get(2);
        assertThat(dev.getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void statefulServiceHasAHeadlessServiceAndStableClaimTemplates() throws IOException {
        List<HasMetadata> objects = render(DeploymentPattern.STATEFUL_SERVICE, Environment.PROD);
        Service svc = (Service) objects.get(0);
        StatefulSet sts = (StatefulSet) objects.get(1);
        assertThat(svc.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(sts.getSpec().getServiceName()).isEqualTo(svc.getMetadata().getName());
        assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
        var claim = sts.getSpec().getVolumeClaimTemplates().get(0);
        assertThat(claim.getMetadata().getLabels()).doesNotContainKeys("fathomable.io/git-commit",
                "fathomable.io/image-digest", "app.kubernetes.io/version");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
    }

    @Test
    void selectorsAreStableAcrossReleases() throws IOException {
        AppSpec spec = example(DeploymentPattern.WEB_SERVICE);
        RenderContext one = RenderGoldenTest.context(spec, Environment.PROD);
        RenderContext two = new RenderContext("prod", one.namespace(), one.tracker(), "aaaaaaa",
                new ImageVersion(spec.image().repository(), "1.5.0", "sha256:" + "c".repeat(64)));
        Deployment a = (Deployment) Renderer.render(spec, one).get(3);
        Deployment b = (Deployment) Renderer.render(spec, two).get(3);
        assertThat(b.getSpec().getSelector()).isEqualTo(a.getSpec().getSelector());
        assertThat(b.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isNotEqualTo(a.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }
}
