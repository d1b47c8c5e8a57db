package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.release.TrackerStatus;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Instant;

/** Builds a {@link Row} from what is stored for a tracker. */
final class Rows {

    private Rows() {}

    static Row of(TrackerRecord record, TrackerStatus status, boolean configured, GitHubWeb web, Instant now) {
        Tracker t = record.tracker();
        TrackerObservation o = record.observation();
        return new Row(t.id().toString(), t.id().group(), t.repo(), refLabel(t.ref()), web.repository(t.repo()),
                web.ref(t), t.sourcePath(), configured, Moment.of(o.lastPoll(), now), o.status().name(),
                Sentences.lastError(o.status(), o.lastError()),
                status.pendingConfig() == null ? null : shortSha(status.pendingConfig().commitSha()), status.held(),
                Cells.of(status, now));
    }

    static String refLabel(GitRef ref) {
        return switch (ref.kind()) {
            case DEFAULT_BRANCH -> null;
            case COMMIT -> shortSha(ref.value());
            default -> ref.value();
        };
    }

    static String shortSha(String sha) {
        return sha == null || sha.length() <= 7 ? sha : sha.substring(0, 7);
    }

    /** Whether every word occurs in the tracker's id, repository, path, ref or current image. */
    static boolean matches(TrackerRecord record, java.util.List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        Tracker t = record.tracker();
        TrackerObservation o = record.observation();
        StringBuilder text = new StringBuilder(128).append(t.id()).append(' ').append(t.repo()).append(' ')
                .append(t.sourcePath());
        if (t.ref().value() != null) {
            text.append(' ').append(t.ref().value());
        }
        if (o.image() != null) {
            text.append(' ').append(o.image().repository()).append(':').append(o.image().tag());
        }
        String haystack = text.toString().toLowerCase(java.util.Locale.ROOT);
        return words.stream().allMatch(haystack::contains);
    }
}
