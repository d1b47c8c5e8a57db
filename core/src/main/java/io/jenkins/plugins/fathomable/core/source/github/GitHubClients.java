package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Cache;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

/**
 * Builds a {@link GitHub} for detection outside Jenkins (CLI, tests): OkHttp with a response cache, so every repeat
 * request carries {@code If-None-Match} and an unchanged answer is a free {@code 304}; rate and abuse limits fail
 * fast (the {@link GitHubSource} pauses instead of a thread sleeping); each network answer is counted as
 * {@link RequestKind#GITHUB_200}, {@link RequestKind#GITHUB_304} or {@link RequestKind#GITHUB_ERROR}, and so is a
 * request that got no answer (as an error).
 */
public final class GitHubClients {

    private GitHubClients() {}

    /**
     * @param apiUrl     {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise
     * @param credentials   resolves {@code credentialsId} at each request, so a rotated token is used at once
     * @param credentialsId the token (or user + token) to call with; {@code null} for anonymous access
     * @param cache         where answers are cached for conditional requests (one per credentials id: answers differ)
     * @param counter       counts each network answer
     */
    public static GitHub create(String apiUrl, CredentialsPort credentials, String credentialsId, Cache cache,
            RequestCounter counter) throws IOException {
        return create(apiUrl, credentials, credentialsId, cache, counter, null, Proxies.system());
    }

    /**
     * As {@link #create(String, CredentialsPort, String, Cache, RequestCounter)}, each request sent only with a permit
     * of {@code governor} (none waits: without budget it fails with {@link GitHubGovernor.Refused}), and each answer
     * shown to it for rate-limit pauses; through {@code proxies}.
     */
    static GitHub create(String apiUrl, CredentialsPort credentials, String credentialsId, Cache cache,
            RequestCounter counter, GitHubGovernor governor, Proxies proxies) throws IOException {
        Objects.requireNonNull(cache, "cache");
        OkHttpClient.Builder http = proxies.configure(new OkHttpClient.Builder());
        if (governor != null) {
            // An application interceptor: a 304 served from the cache still went to GitHub, so each call counts once.
            http.addInterceptor(chain -> {
                try (GitHubGovernor.Permit permit = governor.acquire(GitHubGovernor.Api.REST, java.time.Instant.MIN)) {
                    Response response = chain.proceed(chain.request());
                    governor.observe(response.code(), response::header, null);
                    return response;
                }
            });
        }
        OkHttpClient client = http
                .cache(cache)
                // A request that got no answer at all (refused, reset, timed out) is an error too; the network
                // interceptor below only sees answers.
                .addInterceptor(chain -> {
                    try {
                        return chain.proceed(chain.request());
                    } catch (IOException e) {
                        counter.record(RequestKind.GITHUB_ERROR);
                        throw e;
                    }
                })
                .addNetworkInterceptor(chain -> {
                    Response response = chain.proceed(chain.request());
                    counter.record(response.code() == 304 ? RequestKind.GITHUB_304
                            : response.isSuccessful() ? RequestKind.GITHUB_200 : RequestKind.GITHUB_ERROR);
                    return withoutAuthorizationVary(response);
                })
                .build();
        // cacheMaxAge 0: always revalidate with GitHub (conditionally) instead of trusting max-age=60 locally.
        GitHubBuilder builder = new GitHubBuilder()
                .withEndpoint(apiUrl)
                .withConnector(new OkHttpGitHubConnector(client, 0))
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL);
        if (credentialsId != null) {
            // A plain provider (not a user provider): github-api then does not call GET /user to learn the login.
            // The credentials are looked up, and the secret revealed, only as each request is sent.
            builder.withAuthorizationProvider(() -> credentials.lookup(credentialsId)
                    .map(credential -> "token " + secret(credential).reveal()).orElse(null));
        }
        return builder.build();
    }

    /**
     * GitHub answers {@code Vary: Authorization}, and the cache stores the values of varying request headers next to
     * each answer: the token would land on disk in plain text. Each cache serves one credentials id, so varying on
     * it adds nothing; it is dropped before the answer is cached.
     */
    static Response withoutAuthorizationVary(Response response) {
        String vary = response.header("Vary");
        if (vary == null) {
            return response;
        }
        String kept = java.util.Arrays.stream(vary.split(",")).map(String::trim)
                .filter(h -> !h.isEmpty() && !h.equalsIgnoreCase("Authorization"))
                .collect(java.util.stream.Collectors.joining(", "));
        Response.Builder b = response.newBuilder().removeHeader("Vary");
        return (kept.isEmpty() ? b : b.header("Vary", kept)).build();
    }

    private static Secret secret(Credential credential) {
        return credential instanceof Credential.UsernamePassword up ? up.password() : ((Credential.Token) credential).token();
    }
}
