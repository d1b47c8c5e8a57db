package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.spec.SpecText;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.GHRateLimit;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;

/**
 * Reads a tracker's {@code fathomable.yaml} from GitHub over REST, one tracker at a time (the path of trackers
 * without credentials; see {@link GitHubReader}): resolves the ref to a commit SHA, then reads the file at that
 * commit, keeping its blob SHA. The {@link GitHub} instance comes ready-made; built with a response cache, every
 * repeat request is conditional and an
 * unchanged answer is a free {@code 304}. When the rate limit is exhausted the source pauses until the reset time
 * (failing fast, without requests) instead of sleeping; HTTP failures become a {@link ConfigFetch.Failed} status.
 * When the API cannot be reached at all, the source backs off (5 s, doubling up to 5 min, reset by any answer) and
 * fails fast until then, so an outage costs one connection attempt per back-off, not several per tracker and cycle.
 */
public final class GitHubSource {

    private final GitHub gitHub;
    private final Clock clock;
    /** First wait after GitHub could not be reached; doubled per further failure up to {@link #MAX_BACKOFF}. */
    static final java.time.Duration FIRST_BACKOFF = java.time.Duration.ofSeconds(5);
    static final java.time.Duration MAX_BACKOFF = java.time.Duration.ofMinutes(5);

    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Instant unreachableUntil = Instant.MIN;
    private int unreachableFailures;
    private String unreachableReason;

    public GitHubSource(GitHub gitHub, Clock clock) {
        this.gitHub = Objects.requireNonNull(gitHub, "gitHub");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads {@code path} in {@code repo} ({@code owner/name}) at {@code ref}: two or three conditional requests
     * (repository, ref → commit unless the ref is a commit, contents at that commit).
     */
    public ConfigFetch fetch(String repo, GitRef ref, String path) {
        return fetch(repo, ref, path, null);
    }

    /**
     * As {@link #fetch(String, GitRef, String)}, but when the ref still resolves to {@code known}'s commit the file
     * is not read again: a commit fixes its whole tree, so the file is {@code known}'s. An unchanged tracker then
     * costs one or two conditional requests instead of two or three.
     *
     * @param known what this source returned for the same repo, ref and path last time, or {@code null}
     */
    public ConfigFetch fetch(String repo, GitRef ref, String path, ConfigRevision known) {
        return fetch(repo, ref, path, known, new GitHubLookups());
    }

    /**
     * As {@link #fetch(String, GitRef, String, ConfigRevision)}, sharing the repository and ref lookups with the other
     * fetches of one poll cycle: trackers in one repository cost one repository request per cycle, not one each.
     *
     * @param cycle the lookups of the current cycle (a new one per cycle)
     */
    public ConfigFetch fetch(String repo, GitRef ref, String path, ConfigRevision known, GitHubLookups cycle) {
        Objects.requireNonNull(cycle, "cycle");
        Instant paused = pausedUntil;
        if (clock.instant().isBefore(paused)) {
            return new ConfigFetch.Failed(Status.RATE_LIMITED, "GitHub API rate limit exhausted; paused until " + paused);
        }
        Optional<ConfigFetch> backingOff = backingOff();
        if (backingOff.isPresent()) {
            return backingOff.get();
        }
        String step = "repository " + repo;
        try {
            GHRepository repository = cycle.repository(this, repo, () -> gitHub.getRepository(repo));
            String commitSha;
            if (ref.kind() == GitRef.Kind.COMMIT) {
                commitSha = ref.value();
            } else {
                String qualified = switch (ref.kind()) {
                    case TAG -> "tags/" + ref.value();
                    case BRANCH -> "heads/" + ref.value();
                    default -> "heads/" + repository.getDefaultBranch();
                };
                step = ref + " of " + repo;
                commitSha = cycle.ref(this, repo, qualified, () -> repository.getCommit(qualified).getSHA1());
            }
            reachable();
            if (known != null && known.commitSha().equals(commitSha)) {
                return new ConfigFetch.Found(known);
            }
            step = path + " at " + commitSha + " in " + repo;
            GHContent content = repository.getFileContent(path, commitSha);
            if (!content.isFile() || !"base64".equals(content.getEncoding())) {
                return new ConfigFetch.Failed(Status.INVALID_CONFIG, path + " in " + repo
                        + " is not a regular file GitHub can return inline (directories and files over 1 MB are not)");
            }
            byte[] bytes = Base64.getMimeDecoder().decode(content.getEncodedContent());
            String text;
            try {
                text = SpecText.decode(bytes);
            } catch (ValidationException e) {
                return new ConfigFetch.Failed(Status.INVALID_CONFIG, path + " at " + commitSha + ": " + e.getMessage());
            }
            return new ConfigFetch.Found(new ConfigRevision(commitSha, content.getSha(), text));
        } catch (GHFileNotFoundException e) {
            reachable();
            return new ConfigFetch.Failed(Status.NOT_FOUND, "GitHub: " + step + " not found (or not visible to these credentials)");
        } catch (HttpException e) {
            Optional<GitHubGovernor.Refused> refused = GitHubGovernor.Refused.in(e);
            return refused.isPresent() ? refused(refused.get()) : failed(e, step);
        } catch (IOException | RuntimeException e) {
            Optional<GitHubGovernor.Refused> refused = GitHubGovernor.Refused.in(e);
            if (refused.isPresent()) {
                return refused(refused.get());
            }
            Optional<String> unreachable = ConnectionFailure.describe(e);
            if (unreachable.isPresent()) {
                return unreachable(unreachable.get(), step);
            }
            return new ConfigFetch.Failed(Status.ERROR, "GitHub: reading " + step + " failed: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + firstLine(e.getMessage())));
        } finally {
            noteRateLimit();
        }
    }

    /** A request its governor did not let go: deferred for budget, else the pause the tracker shows. */
    private static ConfigFetch refused(GitHubGovernor.Refused refused) {
        FileState state = GitHubReader.refused(refused.pause());
        return state instanceof FileState.Failed f ? new ConfigFetch.Failed(f.status(), f.message())
                : new ConfigFetch.Deferred(refused.getMessage());
    }

    /** Until when this source makes no requests because the rate limit is used up ({@link Instant#MIN} if not). */
    public Instant pausedUntil() {
        return pausedUntil;
    }

    private ConfigFetch failed(HttpException e, String step) {
        int code = e.getResponseCode();
        if (code < 0) {
            // No HTTP answer at all: github-api wraps the connection failure as "HTTP -1".
            return unreachable(ConnectionFailure.describe(e).orElseGet(() -> firstLine(String.valueOf(
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage()))), step);
        }
        reachable();
        if (isRateLimited(e)) {
            pauseUntilReset(e);
            return new ConfigFetch.Failed(Status.RATE_LIMITED, "GitHub API rate limit exhausted while reading " + step
                    + (pausedUntil.isAfter(clock.instant()) ? "; paused until " + pausedUntil : ""));
        }
        return switch (code) {
            case 401 -> new ConfigFetch.Failed(Status.UNAUTHORIZED, "GitHub rejected the credentials (HTTP 401) reading " + step);
            case 403 -> new ConfigFetch.Failed(Status.FORBIDDEN, "GitHub refused access (HTTP 403) to " + step);
            case 404 -> new ConfigFetch.Failed(Status.NOT_FOUND, "GitHub: " + step + " not found");
            default -> new ConfigFetch.Failed(Status.ERROR, "GitHub answered HTTP " + code + " reading " + step);
        };
    }

    private ConfigFetch unreachable(String reason, String step) {
        Instant until = noteUnreachable(reason);
        return new ConfigFetch.Failed(Status.ERROR, "cannot reach GitHub API at " + gitHub.getApiUrl() + ": " + reason
                + " (reading " + step + "); backing off until " + until);
    }

    /** Fails fast while backing off after GitHub could not be reached. */
    private synchronized Optional<ConfigFetch> backingOff() {
        Instant until = unreachableUntil;
        if (!clock.instant().isBefore(until)) {
            return Optional.empty();
        }
        return Optional.of(new ConfigFetch.Failed(Status.ERROR, "cannot reach GitHub API at " + gitHub.getApiUrl()
                + ": " + unreachableReason + "; backing off until " + until + " (" + unreachableFailures
                + (unreachableFailures == 1 ? " failure" : " failures in a row") + ")"));
    }

    /** One more failure, unless trackers polled in parallel already reported this outage; returns the retry time. */
    private synchronized Instant noteUnreachable(String reason) {
        Instant now = clock.instant();
        if (now.isBefore(unreachableUntil)) {
            return unreachableUntil;
        }
        unreachableFailures++;
        java.time.Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(unreachableFailures - 1, 16));
        unreachableUntil = now.plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
        unreachableReason = reason;
        return unreachableUntil;
    }

    /** GitHub answered (whatever it said): the outage, if any, is over. */
    private synchronized void reachable() {
        unreachableFailures = 0;
        unreachableUntil = Instant.MIN;
    }

    private static boolean isRateLimited(HttpException e) {
        return e.getResponseCode() == 429
                || (e.getResponseCode() == 403 && "0".equals(header(e, "X-RateLimit-Remaining")))
                || (e.getResponseCode() == 403 && header(e, "Retry-After") != null);
    }

    private void pauseUntilReset(GHIOException e) {
        String reset = header(e, "X-RateLimit-Reset");
        String retryAfter = header(e, "Retry-After");
        try {
            if (reset != null) {
                pause(Instant.ofEpochSecond(Long.parseLong(reset.trim())));
            } else if (retryAfter != null) {
                pause(clock.instant().plusSeconds(Long.parseLong(retryAfter.trim())));
            }
        } catch (NumberFormatException ignored) {
            // without a readable reset time the next cycle simply tries again
        }
    }

    /** GitHub reports the remaining budget on every answer, 304s included; at zero, stop until the reset. */
    private void noteRateLimit() {
        GHRateLimit.Record core = gitHub.lastRateLimit().getCore();
        if (core.getRemaining() == 0 && core.getResetEpochSeconds() > 0) {
            pause(Instant.ofEpochSecond(core.getResetEpochSeconds()));
        }
    }

    private synchronized void pause(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    private static String header(GHIOException e, String name) {
        for (Map.Entry<String, List<String>> entry : e.getResponseHeaderFields().entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
