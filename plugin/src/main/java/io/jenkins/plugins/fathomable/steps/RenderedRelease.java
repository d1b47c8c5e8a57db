package io.jenkins.plugins.fathomable.steps;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.render.YamlWriter;
import java.util.List;

/** A release rendered for one environment: its objects, and the cluster and namespace they go to. */
public record RenderedRelease(ReleaseCoordinates coordinates, KubernetesTarget target, List<HasMetadata> objects) {

    public RenderedRelease {
        objects = List.copyOf(objects);
    }

    /** Every object as a YAML document, in apply-safe order, the same bytes for the same release. */
    public String yaml() {
        return new YamlWriter().writeAll(objects);
    }

    /** What applying these objects creates, in the target namespace (the renderer leaves the namespace to apply). */
    public Inventory inventory() {
        return new Inventory(objects.stream().map(ObjectRef::of).map(r -> r.namespace() != null ? r
                : new ObjectRef(r.group(), r.version(), r.kind(), target.namespace(), r.name())).toList());
    }
}
