package io.jenkins.plugins.fathomable.core.source.github;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The repository and ref lookups of one poll cycle, each made once however many trackers need it: trackers in the
 * same repository (same credentials) share one repository request and, on the same ref, one ref request. Create one
 * per cycle and drop it after: an answer is reused only within the cycle, never across cycles. The first tracker to
 * ask makes the request on its own thread; the others wait for its answer, or its failure.
 */
public final class GitHubLookups {

    /** Keyed by the source too: a source serves one credentials id, and answers differ by credentials. */
    private record RepositoryKey(GitHubSource source, String repo) {}

    private record RefKey(GitHubSource source, String repo, String qualifiedRef) {}

    private record Outcome<T>(T value, IOException ioFailure, RuntimeException failure) {}

    @FunctionalInterface
    interface Lookup<T> {
        T get() throws IOException;
    }

    private final Map<RepositoryKey, CompletableFuture<Outcome<?>>> repositories = new ConcurrentHashMap<>();
    private final Map<RefKey, CompletableFuture<Outcome<?>>> refs = new ConcurrentHashMap<>();

    <T> T repository(GitHubSource source, String repo, Lookup<T> lookup) throws IOException {
        return once(repositories, new RepositoryKey(source, repo), lookup);
    }

    <T> T ref(GitHubSource source, String repo, String qualifiedRef, Lookup<T> lookup) throws IOException {
        return once(refs, new RefKey(source, repo, qualifiedRef), lookup);
    }

    @SuppressWarnings("unchecked")
    private static <K, T> T once(Map<K, CompletableFuture<Outcome<?>>> memo, K key, Lookup<T> lookup) throws IOException {
        CompletableFuture<Outcome<?>> mine = new CompletableFuture<>();
        CompletableFuture<Outcome<?>> existing = memo.putIfAbsent(key, mine);
        Outcome<T> outcome;
        if (existing == null) {
            try {
                outcome = new Outcome<>(lookup.get(), null, null);
            } catch (IOException e) {
                outcome = new Outcome<>(null, e, null);
            } catch (RuntimeException e) {
                outcome = new Outcome<>(null, null, e);
            } catch (Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
            mine.complete(outcome);
        } else {
            try {
                outcome = (Outcome<T>) existing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a shared GitHub lookup");
            } catch (ExecutionException e) {
                throw new IllegalStateException("a shared GitHub lookup failed: " + e.getCause(), e.getCause());
            }
        }
        if (outcome.ioFailure() != null) {
            throw outcome.ioFailure();
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.value();
    }
}
