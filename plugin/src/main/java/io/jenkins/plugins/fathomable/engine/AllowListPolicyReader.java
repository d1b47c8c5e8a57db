package io.jenkins.plugins.fathomable.engine;

import io.jenkins.plugins.fathomable.core.poll.ImagePolicy;
import io.jenkins.plugins.fathomable.core.poll.ImagePolicyReader;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Enforces the registry allow-list before any request: an image on a host that is not listed is refused as an
 * invalid {@code fathomable.yaml} (the tracker shows why), so a repository cannot make Jenkins contact an arbitrary
 * host. An empty list allows every host.
 */
final class AllowListPolicyReader implements ImagePolicyReader {

    private final ImagePolicyReader delegate;
    private final Set<String> allowed;

    AllowListPolicyReader(ImagePolicyReader delegate, Set<String> allowed) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public ImagePolicy read(String yaml) {
        ImagePolicy policy = delegate.read(yaml);
        String host = policy.repository().registry().toLowerCase(Locale.ROOT);
        if (!allowed.isEmpty() && !allowed.contains(host)) {
            throw new ValidationException("spec.image", "registry host '" + host + "' is not in the allow-list of "
                    + "registry hosts (Manage Jenkins » System » Fathomable)");
        }
        return policy;
    }
}
