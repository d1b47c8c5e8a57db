package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What {@link Applier} and {@link DryRunDiffer} share: preparing objects and the server-side apply request. */
final class ServerSideApply {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private ServerSideApply() {
    }

    /**
     * Checks every object before anything is sent, so bad input changes nothing: each needs apiVersion, kind and
     * name, and a namespaced object may only target the environment's namespace.
     */
    static void validate(String namespace, List<? extends HasMetadata> objects) {
        List<FieldError> errors = new ArrayList<>();
        if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
            errors.add(new FieldError("namespace", "must be a DNS label (lower-case letters, digits and '-', at most"
                    + " 63 characters), got '" + namespace + "'", 0, 0));
        }
        for (int i = 0; i < objects.size(); i++) {
            HasMetadata object = objects.get(i);
            String field = "objects[" + i + "]";
            if (object.getApiVersion() == null || object.getApiVersion().isBlank()) {
                errors.add(new FieldError(field + ".apiVersion", "is required", 0, 0));
            }
            if (object.getKind() == null || object.getKind().isBlank()) {
                errors.add(new FieldError(field + ".kind", "is required", 0, 0));
            }
            if (object.getMetadata() == null || object.getMetadata().getName() == null
                    || object.getMetadata().getName().isBlank()) {
                errors.add(new FieldError(field + ".metadata.name", "is required", 0, 0));
                continue;
            }
            String own = object.getMetadata().getNamespace();
            if (isNamespaced(object) && own != null && !own.isEmpty() && !own.equals(namespace)) {
                errors.add(new FieldError(field + ".metadata.namespace", "is '" + own
                        + "' but this environment deploys to namespace '" + namespace + "'", 0, 0));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * A copy ready to send: in the environment's namespace, labelled with the tracker (prune relies on it), and
     * without server-owned metadata that would turn the apply into an optimistic-lock update.
     */
    static HasMetadata prepare(KubernetesClient client, TrackerId tracker, String namespace, HasMetadata object) {
        HasMetadata copy = client.getKubernetesSerialization().clone(object);
        if (isNamespaced(copy)) {
            copy.getMetadata().setNamespace(namespace);
        }
        Map<String, String> labels = copy.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(copy.getMetadata().getLabels());
        labels.put(ApplyOptions.TRACKER_LABEL, tracker.toString());
        copy.getMetadata().setLabels(labels);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setManagedFields(null);
        copy.getMetadata().setUid(null);
        return copy;
    }

    static PatchContext context(ApplyOptions options, boolean dryRun) {
        return new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(ApplyOptions.FIELD_MANAGER)
                .withForce(options.forceConflicts() ? Boolean.TRUE : null)
                .withDryRun(dryRun ? List.of("All") : null)
                .build();
    }

    /** Typed model classes say whether they are namespaced; custom resources are assumed to be. */
    static boolean isNamespaced(HasMetadata object) {
        return object instanceof Namespaced || object instanceof GenericKubernetesResource;
    }

    /** The live object behind a ref, whatever its kind. */
    static Resource<GenericKubernetesResource> live(KubernetesClient client, ObjectRef ref) {
        var kind = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
        return ref.namespace() == null ? kind.withName(ref.name())
                : kind.inNamespace(ref.namespace()).withName(ref.name());
    }

    /** The API server's own words, without the request URL and stack that the client's message carries. */
    static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return "HTTP " + e.getCode() + ": " + e.getStatus().getMessage();
        }
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + e.getMessage() : e.getMessage();
    }
}
