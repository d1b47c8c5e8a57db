package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.fathomable.core.deploy.ObjectDiff.Change;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shows what applying a release would change, without changing anything: each object goes through a server-side
 * dry-run apply (so defaults, admission and field ownership are the cluster's own), and the result is compared with
 * the live object. Objects the previous release applied that would be pruned are listed as removed.
 */
public final class DryRunDiffer {

    private final KubernetesClient client;
    private final ManifestText text;

    public DryRunDiffer(KubernetesClient client) {
        this.client = client;
        this.text = new ManifestText(client.getKubernetesSerialization());
    }

    /**
     * @throws io.jenkins.plugins.fathomable.core.validation.ValidationException for objects {@link Applier} would refuse
     * @throws ApplyException when the cluster refuses the dry run of an object (a field conflict, a rejected value)
     */
    public DiffResult diff(TrackerId tracker, String namespace, List<? extends HasMetadata> objects,
            Inventory previous, ApplyOptions options) {
        ServerSideApply.validate(namespace, objects);
        List<ObjectDiff> diffs = new ArrayList<>();
        List<ObjectRef> rendered = new ArrayList<>();
        for (HasMetadata object : Applier.inApplyOrder(objects)) {
            HasMetadata prepared = ServerSideApply.prepare(client, tracker, namespace, object);
            ObjectRef ref = ObjectRef.of(prepared);
            rendered.add(ref);
            try {
                GenericKubernetesResource live = ServerSideApply.live(client, ref).get();
                HasMetadata dryRun = client.resource(prepared).patch(ServerSideApply.context(options, true));
                diffs.add(compare(ref, live, dryRun));
            } catch (KubernetesClientException e) {
                throw new ApplyException("dry run of " + ref + " refused: " + ServerSideApply.reason(e),
                        Inventory.empty(), e);
            }
        }
        for (ObjectRef gone : previous.missingFrom(new Inventory(rendered))) {
            GenericKubernetesResource live = ServerSideApply.live(client, gone).get();
            Map<String, String> labels = live == null ? null : live.getMetadata().getLabels();
            if (labels != null && tracker.toString().equals(labels.get(ApplyOptions.TRACKER_LABEL))) {
                Map<String, Object> before = text.normalize(live);
                maskIfSecret(gone, before, null);
                diffs.add(new ObjectDiff(gone, Change.REMOVED, text.diff(gone, before, null)));
            }
        }
        return new DiffResult(diffs);
    }

    private ObjectDiff compare(ObjectRef ref, GenericKubernetesResource live, HasMetadata dryRun) {
        Map<String, Object> before = text.normalize(live);
        Map<String, Object> after = text.normalize(dryRun);
        maskIfSecret(ref, before, after);
        String diff = text.diff(ref, before, after);
        Change change = live == null ? Change.ADDED : diff.isEmpty() ? Change.UNCHANGED : Change.CHANGED;
        return new ObjectDiff(ref, change, diff);
    }

    private static void maskIfSecret(ObjectRef ref, Map<String, Object> before, Map<String, Object> after) {
        if (ref.group().isEmpty() && ref.kind().equals("Secret")) {
            ManifestText.maskSecretValues(before, after);
        }
    }
}
