package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an environment's objects go: a cluster, named by a reference the host resolves (a Jenkins cloud or a
 * kubeconfig context), and a namespace.
 */
public record KubernetesTarget(String cluster, String namespace) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public KubernetesTarget {
        List<FieldError> errors = new ArrayList<>();
        if (cluster == null || cluster.isBlank()) {
            errors.add(new FieldError("cluster", "is required: the name of a cluster the host knows"));
        }
        if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
            errors.add(new FieldError("namespace", "must be a Kubernetes namespace name (1-63 lower-case letters, "
                    + "digits or '-', starting and ending with a letter or digit), got '" + namespace + "'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
