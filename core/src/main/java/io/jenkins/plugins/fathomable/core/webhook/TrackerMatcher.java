package io.jenkins.plugins.fathomable.core.webhook;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.poll.ImagePolicy;
import io.jenkins.plugins.fathomable.core.poll.ImagePolicyReader;
import io.jenkins.plugins.fathomable.core.source.registry.SemVer;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which trackers a hint concerns. A tracker is <em>covered</em> by a hint when the hint is about its GitHub
 * repository or its image repository (so webhooks flow for it), and <em>looked at</em> only when the hint can
 * change what it follows:
 * <ul>
 * <li>a moved ref: trackers of that repository following that branch or tag (the default branch when the payload
 * names it, or any branch when it does not); never a tracker pinned to a commit;</li>
 * <li>a pushed tag: trackers whose image repository it is and that follow that tag, or a SemVer constraint the tag
 * satisfies.</li>
 * </ul>
 * A tracker's image repository and policy come from what its last poll saw (a tracker never read successfully is
 * left to the poll). Policies are parsed from the stored file once per blob.
 */
final class TrackerMatcher {

    /** Parsed policies by blob SHA; an invalid file maps to {@link #INVALID}. Cleared when it grows past this. */
    private static final int MAX_POLICIES = 100_000;
    private static final Object INVALID = new Object();

    private final ImagePolicyReader policies;
    private final Map<String, Object> parsed = new ConcurrentHashMap<>();

    TrackerMatcher(ImagePolicyReader policies) {
        this.policies = policies;
    }

    boolean covers(Hint hint, TrackerRecord record) {
        Tracker t = record.tracker();
        if (hint instanceof Hint.RefMoved moved) {
            return t.repo().equalsIgnoreCase(moved.repo());
        }
        if (hint instanceof Hint.RepositoryPinged ping) {
            return ping.repo() != null && t.repo().equalsIgnoreCase(ping.repo());
        }
        ImageVersion image = record.observation().image();
        return image != null && image.repository().equals(((Hint.TagPushed) hint).repository());
    }

    boolean concerns(Hint hint, TrackerRecord record) {
        if (!covers(hint, record)) {
            return false;
        }
        if (hint instanceof Hint.RefMoved moved) {
            return follows(record.tracker().ref(), moved);
        }
        if (hint instanceof Hint.TagPushed pushed) {
            ImageVersion image = record.observation().image();
            if (image.tag().equals(pushed.tag())) {
                return true; // a fixed tag re-pushed, or the SemVer tag it resolved to
            }
            return policy(record.observation().config())
                    .filter(p -> !p.isFixedTag())
                    .map(p -> SemVer.parse(pushed.tag()).filter(p.semver()::matches).isPresent())
                    .orElse(false);
        }
        return false; // a ping: nothing moved
    }

    private static boolean follows(GitRef ref, Hint.RefMoved moved) {
        String r = moved.ref();
        return switch (ref.kind()) {
            case BRANCH -> r.equals("refs/heads/" + ref.value());
            case TAG -> r.equals("refs/tags/" + ref.value());
            case DEFAULT_BRANCH -> r.startsWith("refs/heads/")
                    && (moved.defaultBranch() == null || r.equals("refs/heads/" + moved.defaultBranch()));
            case COMMIT -> false; // a commit fixes its files
        };
    }

    private Optional<ImagePolicy> policy(ConfigRevision config) {
        if (config == null) {
            return Optional.empty();
        }
        if (parsed.size() > MAX_POLICIES) {
            parsed.clear();
        }
        Object p = parsed.computeIfAbsent(config.blobSha(), k -> {
            try {
                return policies.read(config.content());
            } catch (RuntimeException e) {
                return INVALID;
            }
        });
        return p instanceof ImagePolicy policy ? Optional.of(policy) : Optional.empty();
    }
}
