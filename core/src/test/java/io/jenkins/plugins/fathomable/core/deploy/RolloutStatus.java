package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Plays the Deployment controller and kubelet in the mock: writes status the way they would. */
final class RolloutStatus {

    private final KubernetesClient client;
    private final String namespace;

    RolloutStatus(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The controller has seen the current generation and {@code ready} of the replicas run the new template. */
    void deployment(String name, int updated, int ready) {
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(d.getSpec().getReplicas())
                    .withUpdatedReplicas(updated)
                    .withReadyReplicas(ready)
                    .withAvailableReplicas(ready)
                    .build());
            return d;
        });
    }

    void deploymentObservedGeneration(String name, long observed) {
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(observed).build());
            return d;
        });
    }

    void progressDeadlineExceeded(String name) {
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            d.getStatus().getConditions().add(new DeploymentConditionBuilder()
                    .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"" + name + "-7d9c\" has timed out progressing.").build());
            return d;
        });
    }

    /** A pod of the workload whose container waits, as the kubelet reports an image it cannot pull. */
    void waitingPod(String podName, String appLabel, String reason, String message) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(podName).addToLabels("app", appLabel).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("x").endContainer().endSpec()
                .withNewStatus().withPhase("Pending")
                .addNewContainerStatus().withName("app").withReady(false).withImage("x")
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .endContainerStatus()
                .endStatus()
                .build()).create();
    }
}
