package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/**
 * Detection's way to GitHub. Trackers with credentials are looked up in batches over GraphQL (the commit of each
 * ref and the blob id of each file, {@link GraphQlFiles#MAX_FILES} files a query), per {@link GitHubIdentity}; a
 * file's content is read over REST only when its blob id changed. Anonymous trackers (GraphQL needs a token) take
 * the per-tracker REST path of {@link GitHubSource}. Every request, on either path, goes through the
 * {@link GitHubGovernor} of its identity, kept from cycle to cycle.
 */
public final class GitHubReader {

    /** What requests are sent with: an identity, and the credential to send (none for anonymous access). */
    public record Access(GitHubIdentity identity, Credential credential) {
        public Access {
            Objects.requireNonNull(identity, "identity");
        }

        public static final Access ANONYMOUS = new Access(GitHubIdentity.ANONYMOUS, null);

        /** Only the identity: a credential never shows in a log or a message. */
        @Override
        public String toString() {
            return identity.toString();
        }
    }

    /** Files one GraphQL query looks up. */
    public static final int FILES_PER_QUERY = GraphQlFiles.MAX_FILES;

    private final GitHubHttp http;
    private final CredentialsPort credentials;
    private final GitHubLimits limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final GitHubSourceFactory anonymous;
    private final Map<GitHubIdentity, GitHubGovernor> governors = new ConcurrentHashMap<>();

    /**
     * @param apiUrl      the REST API ({@code https://api.github.com}, {@code https://HOST/api/v3}); GraphQL is derived
     * @param credentials resolves credentials ids at each cycle, so a rotated token is used at once
     * @param proxies     how GitHub is reached: directly or through the host's proxy
     * @param limits      per identity: points a minute and requests in flight
     * @param anonymousCache where anonymous REST answers are kept for conditional requests
     * @param counter     counts every request by kind
     * @param sleeper     waits for request budget within a cycle's time
     */
    public GitHubReader(String apiUrl, CredentialsPort credentials, Proxies proxies, GitHubLimits limits,
            Path anonymousCache, RequestCounter counter, Clock clock, Sleeper sleeper) {
        this.http = new GitHubHttp(GitHubEndpoint.of(apiUrl), proxies.configure(new OkHttpClient.Builder()).build(),
                counter);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.anonymous = new CachingGitHubSourceFactory(apiUrl, CredentialsPort.none(), anonymousCache, counter, clock,
                governor(GitHubIdentity.ANONYMOUS), proxies);
    }

    public GitHubEndpoint endpoint() {
        return http.endpoint();
    }

    /**
     * Resolves a credentials id to what it is sent with, now.
     *
     * @param credentialsId {@code null} for anonymous access
     * @throws ValidationException naming {@code credentialsId} when no credentials have that id
     */
    public Access access(String credentialsId) {
        if (credentialsId == null) {
            return Access.ANONYMOUS;
        }
        Credential credential = credentials.lookup(credentialsId).orElseThrow(() -> new ValidationException(
                "credentialsId", "no credentials with id '" + credentialsId + "'"));
        return new Access(GitHubIdentity.of(credential), credential);
    }

    /** The governor of an identity on this API host, made on first use and kept while it holds anything. */
    public GitHubGovernor governor(GitHubIdentity identity) {
        return governors.computeIfAbsent(identity, i -> new GitHubGovernor(limits, clock, sleeper));
    }

    /**
     * Looks up where up to {@link GraphQlFiles#MAX_FILES} files of one identity stand, in one GraphQL query. A query
     * that cannot be sent before {@code deadline} leaves every file {@link FileState.Deferred}.
     */
    public Map<FileQuery, FileState> lookUp(Access access, List<FileQuery> files, Instant deadline)
            throws InterruptedIOException {
        if (access.credential() == null) {
            throw new IllegalArgumentException("GitHub's GraphQL API needs credentials");
        }
        GraphQlFiles query = new GraphQlFiles(files);
        FileState failure;
        try {
            return query.read(http.graphql(access.credential(), governor(access.identity()), query.query(),
                    query.variables(), deadline, describe(files)));
        } catch (GitHubHttp.Failure e) {
            failure = new FileState.Failed(e.status(), e.getMessage());
        } catch (GitHubGovernor.Refused e) {
            failure = refused(e.pause());
        }
        Map<FileQuery, FileState> all = new LinkedHashMap<>();
        for (FileQuery file : files) {
            all.put(file, failure);
        }
        return all;
    }

    private static String describe(List<FileQuery> files) {
        long repos = files.stream().map(FileQuery::repo).distinct().count();
        return repos == 1 && files.size() == 1 ? "looking up " + files.get(0).path() + " in " + files.get(0).repo()
                : "looking up " + files.size() + " files in " + (repos == 1 ? files.get(0).repo() : repos + " repositories");
    }

    /** Reads the content of a file at the commit its lookup found (one REST request). */
    public ConfigFetch read(Access access, FileQuery file, String commitSha, Instant deadline) throws InterruptedIOException {
        try {
            ConfigRevision revision = http.contents(access.credential(), governor(access.identity()), file.repo(),
                    file.path(), commitSha, deadline);
            return new ConfigFetch.Found(revision);
        } catch (GitHubHttp.Failure e) {
            return new ConfigFetch.Failed(e.status(), e.getMessage());
        } catch (GitHubGovernor.Refused e) {
            FileState state = refused(e.pause());
            return state instanceof FileState.Failed f ? new ConfigFetch.Failed(f.status(), f.message())
                    : new ConfigFetch.Deferred(e.getMessage());
        }
    }

    /**
     * The per-tracker REST path for anonymous trackers: repository, ref and file, each conditional, sharing
     * repository and ref requests within the cycle; governed, without waiting for budget.
     */
    public ConfigFetch fetchAnonymously(FileQuery file, ConfigRevision known, GitHubLookups cycle) {
        try {
            return anonymous.forCredentials(null).fetch(file.repo(), file.ref(), file.path(), known, cycle);
        } catch (IOException e) {
            return new ConfigFetch.Failed(Status.ERROR, "GitHub client could not be created: " + e.getMessage());
        }
    }

    /** Forgets governors that hold nothing (no pause, nothing spent in the last minute): credentials come and go. */
    public void forgetIdle() {
        governors.entrySet().removeIf(e -> !e.getKey().isAnonymous() && e.getValue().idle());
    }

    /** How a refusal shows: deferred for budget; the pause, with its reason, for the trackers' status otherwise. */
    static FileState refused(GitHubGovernor.Pause pause) {
        return switch (pause.hold()) {
            case BUDGET -> new FileState.Deferred(pause.reason());
            case RATE_LIMITED -> new FileState.Failed(Status.RATE_LIMITED, GitHubHttp.pausedMessage(pause));
            case UNREACHABLE -> new FileState.Failed(Status.ERROR, pause.reason());
        };
    }
}
