package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies a release's rendered objects to an environment's namespace with server-side apply under the field
 * manager {@value ApplyOptions#FIELD_MANAGER}, then prunes what the previous release of the same tracker applied
 * there and this one no longer renders. Rollback is the same operation run with the earlier release's objects.
 */
public final class Applier {

    /** Dependencies first: a Deployment should not start before its ConfigMap and ServiceAccount exist. */
    private static final List<String> KIND_ORDER = List.of("Namespace", "NetworkPolicy", "ResourceQuota",
            "LimitRange", "ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim", "Role", "RoleBinding",
            "Service", "Deployment", "StatefulSet", "Job", "CronJob", "Ingress", "HorizontalPodAutoscaler",
            "PodDisruptionBudget");

    private final KubernetesClient client;
    private final Pruner pruner;

    public Applier(KubernetesClient client) {
        this.client = client;
        this.pruner = new Pruner(client);
    }

    /**
     * Applies {@code objects} to {@code namespace} and returns what was applied, in order.
     *
     * @throws io.jenkins.plugins.fathomable.core.validation.ValidationException before sending anything, when an
     *         object lacks apiVersion, kind or name or targets another namespace
     * @throws ApplyException when the cluster refuses an object; it carries what was applied before
     */
    public Inventory apply(TrackerId tracker, String namespace, List<? extends HasMetadata> objects,
            ApplyOptions options) {
        ServerSideApply.validate(namespace, objects);
        ensureNamespace(namespace, options);
        List<ObjectRef> applied = new ArrayList<>();
        for (HasMetadata object : inApplyOrder(objects)) {
            HasMetadata prepared = ServerSideApply.prepare(client, tracker, namespace, object);
            ObjectRef ref = ObjectRef.of(prepared);
            try {
                client.resource(prepared).patch(ServerSideApply.context(options, false));
            } catch (KubernetesClientException e) {
                throw new ApplyException("cannot apply " + ref + ": " + ServerSideApply.reason(e)
                        + (e.getCode() == 409 ? " (another field manager owns these fields; undo their change or"
                        + " turn on forceConflicts for this environment)" : ""), new Inventory(applied), e);
            }
            applied.add(ref);
        }
        return new Inventory(applied);
    }

    /** Applies a release, then prunes what {@code previous} (the last recorded inventory) listed and it no longer renders. */
    public ApplyResult applyAndPrune(TrackerId tracker, String namespace, List<? extends HasMetadata> objects,
            Inventory previous, ApplyOptions options) {
        Inventory inventory = apply(tracker, namespace, objects, options);
        return new ApplyResult(inventory, pruner.prune(tracker, previous, inventory));
    }

    /**
     * Rolls an environment back: re-applies the earlier release's objects (re-rendered by the caller from that
     * release's recorded inputs) and prunes what the release being rolled back had added. Record the returned
     * inventory as the environment's current one.
     *
     * @param rolledBackInventory the inventory recorded for the release being rolled back
     */
    public ApplyResult rollback(TrackerId tracker, String namespace, List<? extends HasMetadata> earlierObjects,
            Inventory rolledBackInventory, ApplyOptions options) {
        return applyAndPrune(tracker, namespace, earlierObjects, rolledBackInventory, options);
    }

    private void ensureNamespace(String namespace, ApplyOptions options) {
        // Only look when allowed to create: a Role-only service account may not read namespaces, and a missing
        // namespace then shows up as the API server's NotFound on the first object.
        if (!options.createNamespace()) {
            return;
        }
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                Namespace created = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
                client.resource(created).patch(ServerSideApply.context(options, false));
            }
        } catch (KubernetesClientException e) {
            throw new ApplyException("cannot create namespace '" + namespace + "': " + ServerSideApply.reason(e),
                    Inventory.empty(), e);
        }
    }

    static List<HasMetadata> inApplyOrder(List<? extends HasMetadata> objects) {
        List<HasMetadata> sorted = new ArrayList<>(objects);
        sorted.sort(Comparator.comparingInt(o -> {
            int i = KIND_ORDER.indexOf(o.getKind());
            return i < 0 ? KIND_ORDER.size() : i;
        }));
        return sorted;
    }
}
