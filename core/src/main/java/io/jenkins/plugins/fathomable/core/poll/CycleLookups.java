package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.source.github.ConfigFetch;
import io.jenkins.plugins.fathomable.core.source.github.GitHubIdentity;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLookups;
import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryException;
import io.jenkins.plugins.fathomable.core.source.registry.SemVerConstraint;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The lookups of one cycle, each made once however many trackers need it: (identity, repo, ref, path) files,
 * and for anonymous trackers (repo) repositories and (repo, ref) refs on GitHub, (registry,
 * repository) tag lists and (registry, repository, tag) digests. The first tracker to ask does
 * the lookup on its own thread; the others wait for its result, so no pool thread waits on queued work.
 */
final class CycleLookups {

    /** A file as one identity sees it: trackers whose credentials hold the same secret share it. */
    record ConfigKey(GitHubIdentity identity, String repo, GitRef ref, String path) {}

    private record RepositoryKey(String registry, String repository) {}

    private record TagKey(String registry, String repository, String tag) {}

    /** A registry answer or its failure, so a failure is shared as faithfully as a success. */
    private record Outcome<T>(T value, RegistryException failure) {}

    private final RegistryClient registry;
    private final GitHubLookups gitHub = new GitHubLookups();
    private final Map<ConfigKey, CompletableFuture<ConfigFetch>> configs = new ConcurrentHashMap<>();
    private final Map<RepositoryKey, CompletableFuture<Outcome<List<String>>>> tags = new ConcurrentHashMap<>();
    /** Parts of policies (repositories, tags, constraints by their text), one instance each per cycle. */
    private final Map<Object, Object> parts = new ConcurrentHashMap<>();
    private final Map<TagKey, CompletableFuture<Outcome<ImageVersion>>> digests = new ConcurrentHashMap<>();

    CycleLookups(RegistryClient registry) {
        this.registry = registry;
    }

    /** The repository and ref lookups shared by this cycle's GitHub reads. */
    GitHubLookups gitHub() {
        return gitHub;
    }

    ConfigFetch config(ConfigKey key, Supplier<ConfigFetch> fetch) {
        return once(configs, key, fetch);
    }

    /**
     * The policy with its parts shared by every tracker that parsed the same repository, tag or constraint this cycle:
     * trackers keep their policy while their file is unchanged, so unshared parts would cost heap per tracker.
     */
    ImagePolicy policy(ImagePolicy parsed) {
        ImageReference repository = canonical(parsed.repository());
        if (parsed.isFixedTag()) {
            String tag = (String) canonical(parsed.tag());
            return tag == parsed.tag() && repository == parsed.repository() ? parsed : ImagePolicy.fixed(repository, tag);
        }
        SemVerConstraint semver = (SemVerConstraint) parts.computeIfAbsent("semver " + parsed.semver(), k -> parsed.semver());
        return semver == parsed.semver() && repository == parsed.repository() ? parsed : ImagePolicy.semver(repository, semver);
    }

    private ImageReference canonical(ImageReference reference) {
        return (ImageReference) parts.computeIfAbsent(reference, k -> reference);
    }

    private Object canonical(String text) {
        return parts.computeIfAbsent(text, k -> text);
    }

    List<String> tags(ImageReference image) throws RegistryException {
        return unwrap(once(tags, new RepositoryKey(image.registry(), image.repository()), () -> {
            try {
                return new Outcome<>(registry.tags(image), null);
            } catch (RegistryException e) {
                return new Outcome<>(null, e);
            }
        }));
    }

    /** The tagged image with its digest; trackers following the same tag share one instance (heap per tracker). */
    ImageVersion image(ImageReference image) throws RegistryException {
        return unwrap(once(digests, new TagKey(image.registry(), image.repository(), image.tag()), () -> {
            try {
                return new Outcome<>(new ImageVersion(image.name(), image.tag(), registry.digest(image)), null);
            } catch (RegistryException e) {
                return new Outcome<>(null, e);
            }
        }));
    }

    private static <T> T unwrap(Outcome<T> outcome) throws RegistryException {
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.value();
    }

    private static <K, V> V once(Map<K, CompletableFuture<V>> memo, K key, Supplier<V> lookup) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = memo.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(lookup.get());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shared lookup", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a shared lookup failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
