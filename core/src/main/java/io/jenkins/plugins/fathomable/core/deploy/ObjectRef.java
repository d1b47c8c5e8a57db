package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Which Kubernetes object: group, version, kind, namespace ({@code null} for cluster-scoped objects) and name.
 * Two refs name the same object when everything but the version matches ({@link #sameObject}), because the API
 * server serves one object under every version of its group.
 */
public record ObjectRef(String group, String version, String kind, String namespace, String name) {

    public ObjectRef {
        group = group == null ? "" : group;
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    public static ObjectRef of(HasMetadata object) {
        String apiVersion = Objects.requireNonNull(object.getApiVersion(), "apiVersion");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new ObjectRef(group, version, object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    /** {@code apps/v1}, or {@code v1} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Same group, kind, namespace and name; the version does not matter. */
    public boolean sameObject(ObjectRef other) {
        return group.equals(other.group) && kind.equals(other.kind) && Objects.equals(namespace, other.namespace)
                && name.equals(other.name);
    }

    @Override
    public String toString() {
        return apiVersion() + " " + kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
