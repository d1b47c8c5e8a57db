package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Deletes what an earlier release of a tracker applied in an environment and the new release no longer renders.
 * Two keys must agree before anything is deleted: the object is in the earlier inventory, and it still carries the
 * tracker's label. An object someone else has since taken over (label removed or changed) is left alone.
 */
public final class Pruner {

    private final KubernetesClient client;

    public Pruner(KubernetesClient client) {
        this.client = client;
    }

    public PruneResult prune(TrackerId tracker, Inventory previous, Inventory current) {
        List<ObjectRef> candidates = new ArrayList<>(previous.missingFrom(current));
        // Reverse apply order: workloads go before the config and services they use.
        Collections.reverse(candidates);
        List<ObjectRef> deleted = new ArrayList<>();
        List<ObjectRef> leftAlone = new ArrayList<>();
        for (ObjectRef ref : candidates) {
            Resource<GenericKubernetesResource> resource = ServerSideApply.live(client, ref);
            try {
                GenericKubernetesResource live = resource.get();
                if (live == null) {
                    continue;
                }
                Map<String, String> labels = live.getMetadata().getLabels();
                if (labels == null || !tracker.toString().equals(labels.get(ApplyOptions.TRACKER_LABEL))) {
                    leftAlone.add(ref);
                    continue;
                }
                resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                deleted.add(ref);
            } catch (KubernetesClientException e) {
                // Keep what was not pruned in the inventory to record, so the next release tries again.
                List<ObjectRef> keep = new ArrayList<>(current.objects());
                candidates.stream().filter(c -> !deleted.contains(c) && !leftAlone.contains(c)).forEach(keep::add);
                throw new ApplyException("cannot prune " + ref + ": " + ServerSideApply.reason(e),
                        new Inventory(keep), e);
            }
        }
        return new PruneResult(deleted, leftAlone);
    }
}
