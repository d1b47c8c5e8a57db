package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.source.github.ConfigFetch;
import io.jenkins.plugins.fathomable.core.source.github.FileQuery;
import io.jenkins.plugins.fathomable.core.source.github.FileState;
import io.jenkins.plugins.fathomable.core.source.github.GitHubIdentity;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The GitHub half of one cycle. {@link #plan} resolves each tracker's credentials to an identity and looks up, per
 * identity and in batches, where every file stands (commit and blob id; one GraphQL query per batch, the batches in
 * parallel); {@link #fetch} then gives one tracker its file: the one already known when the blob id did not change,
 * else read over REST. Anonymous trackers take GitHub's REST path instead. A tracker pinned to a commit whose file was
 * read since the start is not looked up at all: a commit fixes its files.
 */
final class GitHubPhase {

    /** What the plan says about one tracker before its file is fetched. */
    record Planned(Tracker tracker, TrackerObservation previous, CycleLookups.ConfigKey key, FileQuery file,
            GitHubReader.Access access, ConfigFetch.Failed refused, FileState state) {

        /** The revision this tracker's file already has: last read this run, else the stored one. */
        ConfigRevision known(Map<CycleLookups.ConfigKey, LastRead> lastRead) {
            LastRead read = lastRead.get(key);
            return read != null ? read.revision() : previous.config();
        }
    }

    /** A tracker's file this cycle, and the commit its ref is at (where the file may have been read earlier). */
    record Fetched(ConfigFetch fetch, String commitSha) {}

    private final GitHubReader gitHub;
    private final Map<CycleLookups.ConfigKey, LastRead> lastRead;
    private final CycleLookups lookups;
    private final Instant deadline;
    private final ExecutorService executor;
    private final Map<CycleLookups.ConfigKey, FileState> states = new ConcurrentHashMap<>();
    private final Set<CycleLookups.ConfigKey> keys = new java.util.HashSet<>();

    GitHubPhase(GitHubReader gitHub, Map<CycleLookups.ConfigKey, LastRead> lastRead, CycleLookups lookups,
            Instant deadline, ExecutorService executor) {
        this.gitHub = gitHub;
        this.lastRead = lastRead;
        this.lookups = lookups;
        this.deadline = deadline;
        this.executor = executor;
    }

    /** Plans every tracker (in the given order, which is also the order of the batches) and runs the lookups. */
    List<Planned> plan(List<Tracker> ordered, Map<Tracker, TrackerObservation> previous) throws InterruptedException {
        Map<String, Object> accesses = new HashMap<>();
        Map<GitHubReader.Access, Set<FileQuery>> byIdentity = new LinkedHashMap<>();
        Map<GitHubIdentity, GitHubReader.Access> identities = new HashMap<>();
        List<Planned> plans = new ArrayList<>(ordered.size());
        for (Tracker tracker : ordered) {
            Object resolved = accesses.computeIfAbsent(String.valueOf(tracker.credentialsId()), k -> access(tracker));
            FileQuery file = new FileQuery(tracker.repo(), tracker.ref(), tracker.sourcePath());
            if (resolved instanceof ConfigFetch.Failed failed) {
                plans.add(new Planned(tracker, previous.get(tracker), null, file, null, failed, null));
                continue;
            }
            GitHubReader.Access access = (GitHubReader.Access) resolved;
            // one Access per identity: the first credentials id of a secret sends for all its trackers
            access = identities.computeIfAbsent(access.identity(), i -> (GitHubReader.Access) resolved);
            CycleLookups.ConfigKey key = new CycleLookups.ConfigKey(access.identity(), tracker.repo(), tracker.ref(),
                    tracker.sourcePath());
            plans.add(new Planned(tracker, previous.get(tracker), key, file, access, null, null));
            keys.add(key);
            boolean pinnedAndRead = tracker.ref().kind() == GitRef.Kind.COMMIT && lastRead.containsKey(key);
            if (access.credential() != null && !pinnedAndRead) {
                byIdentity.computeIfAbsent(access, a -> new LinkedHashSet<>()).add(file);
            }
        }
        lookUp(byIdentity);
        List<Planned> done = new ArrayList<>(plans.size());
        for (Planned p : plans) {
            done.add(p.key() == null ? p : new Planned(p.tracker(), p.previous(), p.key(), p.file(), p.access(), null,
                    states.get(p.key())));
        }
        return done;
    }

    /** The files of every planned tracker. */
    Set<CycleLookups.ConfigKey> keys() {
        return keys;
    }

    /** Whether fetching this tracker's file will read it over REST (a new blob id, or the anonymous path). */
    boolean readsContent(Planned p) {
        if (p.refused() != null) {
            return false;
        }
        if (p.access().credential() == null) {
            return true;
        }
        ConfigRevision known = p.known(lastRead);
        return p.state() instanceof FileState.At at && (known == null || !known.blobSha().equals(at.blobSha()));
    }

    /** The tracker's file: known, read now (over REST, once per key and cycle), failed, or deferred. */
    Fetched fetch(Planned p) {
        if (p.refused() != null) {
            return new Fetched(p.refused(), null);
        }
        ConfigRevision known = p.known(lastRead);
        if (p.access().credential() == null) {
            // The REST path skips the read while the ref stays at the known revision's commit, so only a revision
            // of this very file may serve (the stored one may be of another path, before the tracker was re-pointed).
            LastRead read = lastRead.get(p.key());
            ConfigFetch fetch = lookups.config(p.key(), () -> remember(p.key(),
                    gitHub.fetchAnonymously(p.file(), read == null ? null : read.revision(), lookups.gitHub())));
            return new Fetched(fetch, fetch instanceof ConfigFetch.Found f ? f.revision().commitSha() : null);
        }
        FileState state = p.state();
        if (state == null) { // pinned to a commit and read before: nothing to ask
            return new Fetched(new ConfigFetch.Found(lastRead.get(p.key()).revision()), p.tracker().ref().value());
        }
        if (state instanceof FileState.Failed failed) {
            return new Fetched(new ConfigFetch.Failed(failed.status(), failed.message()), null);
        }
        if (state instanceof FileState.Deferred deferred) {
            return new Fetched(new ConfigFetch.Deferred(deferred.reason()), null);
        }
        FileState.At at = (FileState.At) state;
        if (known != null && known.blobSha().equals(at.blobSha())) {
            return new Fetched(new ConfigFetch.Found(known), at.commitSha());
        }
        ConfigFetch fetch = lookups.config(p.key(), () -> {
            try {
                return remember(p.key(), gitHub.read(p.access(), p.file(), at.commitSha(), deadline));
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
                return new ConfigFetch.Deferred("interrupted");
            }
        });
        return new Fetched(fetch, at.commitSha());
    }

    private ConfigFetch remember(CycleLookups.ConfigKey key, ConfigFetch fetch) {
        if (fetch instanceof ConfigFetch.Found found) {
            // the same revision (not read again) keeps its parse
            lastRead.compute(key, (k, read) -> read != null && read.revision() == found.revision() ? read
                    : LastRead.unparsed(found.revision()));
        }
        return fetch;
    }

    private Object access(Tracker tracker) {
        try {
            return gitHub.access(tracker.credentialsId());
        } catch (ValidationException e) {
            return new ConfigFetch.Failed(Status.UNAUTHORIZED, e.getMessage());
        } catch (RuntimeException e) {
            return new ConfigFetch.Failed(Status.ERROR, "the credentials could not be read: " + e.getMessage());
        }
    }

    /** One GraphQL query per batch of files, per identity; the batches run in parallel, oldest-checked first. */
    private void lookUp(Map<GitHubReader.Access, Set<FileQuery>> byIdentity) throws InterruptedException {
        List<Future<?>> batches = new ArrayList<>();
        for (Map.Entry<GitHubReader.Access, Set<FileQuery>> entry : byIdentity.entrySet()) {
            List<FileQuery> files = new ArrayList<>(entry.getValue());
            for (int from = 0; from < files.size(); from += GitHubReader.FILES_PER_QUERY) {
                List<FileQuery> batch = files.subList(from, Math.min(files.size(), from + GitHubReader.FILES_PER_QUERY));
                GitHubReader.Access access = entry.getKey();
                batches.add(executor.submit(() -> {
                    Map<FileQuery, FileState> found;
                    try {
                        found = gitHub.lookUp(access, batch, deadline);
                    } catch (InterruptedIOException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    found.forEach((file, state) -> states.put(new CycleLookups.ConfigKey(access.identity(),
                            file.repo(), file.ref(), file.path()), state));
                }));
            }
        }
        for (Future<?> batch : batches) {
            try {
                batch.get();
            } catch (ExecutionException e) {
                // a bug in one batch: its files stay without a state and fail below, the others go on
            }
        }
        for (Map.Entry<GitHubReader.Access, Set<FileQuery>> entry : byIdentity.entrySet()) {
            for (FileQuery file : entry.getValue()) {
                states.putIfAbsent(new CycleLookups.ConfigKey(entry.getKey().identity(), file.repo(), file.ref(),
                        file.path()), new FileState.Failed(Status.ERROR, "the GitHub lookup of " + file.path()
                        + " in " + file.repo() + " did not complete"));
            }
        }
    }
}
