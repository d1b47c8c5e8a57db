package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One environment of the flow.
 *
 * @param name             a DNS label, e.g. {@code prod}
 * @param windows          when releases may enter; none means any time
 * @param minSoak          how long a release must have been ready in the previous environment; zero for none
 * @param approvalRequired whether a person must approve each release for this environment
 * @param target           the cluster and namespace it deploys to
 */
public record EnvironmentConfig(String name, List<DeployWindow> windows, Duration minSoak, boolean approvalRequired,
        KubernetesTarget target) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    public EnvironmentConfig {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be 1-32 lower-case letters, digits or '-', starting and ending "
                    + "with a letter or digit, got '" + name + "'"));
        }
        windows = windows == null ? List.of() : List.copyOf(windows);
        minSoak = minSoak == null ? Duration.ZERO : minSoak;
        if (minSoak.isNegative()) {
            errors.add(new FieldError("minSoak", "must not be negative"));
        }
        if (target == null) {
            errors.add(new FieldError("target", "is required (cluster and namespace)"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** An environment open at any time, without soak or approval, deploying to {@code namespace} on {@code cluster}. */
    public static EnvironmentConfig simple(String name, String cluster, String namespace) {
        return new EnvironmentConfig(name, List.of(), Duration.ZERO, false, new KubernetesTarget(cluster, namespace));
    }

    public EnvironmentConfig withWindows(List<DeployWindow> newWindows) {
        return new EnvironmentConfig(name, newWindows, minSoak, approvalRequired, target);
    }

    public EnvironmentConfig withMinSoak(Duration newMinSoak) {
        return new EnvironmentConfig(name, windows, newMinSoak, approvalRequired, target);
    }

    public EnvironmentConfig withApprovalRequired(boolean required) {
        return new EnvironmentConfig(name, windows, minSoak, required, target);
    }

    public boolean windowOpen(Instant at) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.isOpen(at));
    }

    /** When a window next opens at or after {@code at}; empty if none ever does. */
    public Optional<Instant> nextWindow(Instant at) {
        if (windowOpen(at)) {
            return Optional.of(at);
        }
        return windows.stream().map(w -> w.nextOpen(at)).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }
}
