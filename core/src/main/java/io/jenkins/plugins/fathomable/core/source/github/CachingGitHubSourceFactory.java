package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link GitHubSource} per credentials id, built with {@link GitHubClients} and kept, each with its own
 * response cache directory (answers differ by credentials, so caches are never shared). {@link GitHubReader} uses
 * one for trackers without credentials, which GitHub's GraphQL API does not serve.
 */
public final class CachingGitHubSourceFactory implements GitHubSourceFactory {

    /**
     * Disk (not heap) per credentials id. Each tracker leaves about 5 KB of cached answers (repository, ref, file);
     * once the cache is full, evicted answers come back as full, rate-limited 200s instead of free 304s. 20 MB,
     * a common default, is full at about 4,000 trackers (docs/performance.md); 256 MB holds about 50,000.
     */
    static final long CACHE_BYTES = 256L * 1024 * 1024;
    private static final String ANONYMOUS = "\u0000anonymous";

    private final String apiUrl;
    private final CredentialsPort credentials;
    private final Path cacheRoot;
    private final RequestCounter counter;
    private final Clock clock;
    private final GitHubGovernor governor;
    private final Proxies proxies;
    private final Map<String, GitHubSource> sources = new ConcurrentHashMap<>();

    public CachingGitHubSourceFactory(String apiUrl, CredentialsPort credentials, Path cacheRoot, RequestCounter counter,
            Clock clock) {
        this(apiUrl, credentials, cacheRoot, counter, clock, null, Proxies.system());
    }

    /**
     * @param governor every request of every source waits for its permit; {@code null}: ungoverned
     * @param proxies  how GitHub is reached
     */
    CachingGitHubSourceFactory(String apiUrl, CredentialsPort credentials, Path cacheRoot, RequestCounter counter,
            Clock clock, GitHubGovernor governor, Proxies proxies) {
        this.apiUrl = apiUrl;
        this.credentials = credentials;
        this.cacheRoot = cacheRoot;
        this.counter = counter;
        this.clock = clock;
        this.governor = governor;
        this.proxies = java.util.Objects.requireNonNull(proxies, "proxies");
    }

    @Override
    public GitHubSource forCredentials(String credentialsId) throws IOException {
        String key = credentialsId == null ? ANONYMOUS : credentialsId;
        GitHubSource existing = sources.get(key);
        if (existing != null) {
            return existing;
        }
        if (credentialsId != null && credentials.lookup(credentialsId).isEmpty()) {
            throw new ValidationException("credentialsId", "no credentials with id '" + credentialsId + "'");
        }
        // The directory name is a hash: credentials ids may hold characters a file name cannot.
        // Owner-only files: cached answers hold the contents of private repositories.
        okhttp3.Cache cache = new okhttp3.Cache(new OwnerOnlyCacheFiles(),
                okio.Path.get(cacheRoot.resolve(hash(key)).toFile()), CACHE_BYTES);
        GitHubSource created = new GitHubSource(GitHubClients.create(apiUrl, credentials, credentialsId, cache, counter, governor, proxies), clock);
        GitHubSource raced = sources.putIfAbsent(key, created);
        return raced != null ? raced : created;
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
