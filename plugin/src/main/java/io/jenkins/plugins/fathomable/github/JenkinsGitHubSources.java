package io.jenkins.plugins.fathomable.github;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.jenkins.plugins.fathomable.core.source.github.GitHubSource;
import io.jenkins.plugins.fathomable.core.source.github.GitHubSourceFactory;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.github.GitHub;

/**
 * GitHub sources for the poll cycle. Anonymous access, username/password tokens and GitHub App credentials go
 * through github-branch-source's {@code Connector}, so its shared connections, GitHub App installation tokens,
 * Enterprise endpoints and response cache are used. {@code Connector} does not take secret text, so a secret-text
 * token (which is what the REST API stores) uses core's own cached OkHttp client instead.
 *
 * <p>The credentials are resolved on every call, so a rotated password yields a new connection; one connector usage
 * is held per credentials id (the extra one taken by each {@code connect} is released at once) and all are released
 * on {@link #close()}. A {@link GitHubSource} is kept as long as its connection, so its rate-limit pause carries
 * over between cycles.
 */
public final class JenkinsGitHubSources implements GitHubSourceFactory, AutoCloseable {

    /** github-branch-source's {@code Connector} in Jenkins. */
    public interface Connections {
        GitHub connect(String apiUrl, StandardCredentials credentials) throws IOException;

        void release(GitHub gitHub);
    }

    private record Held(GitHub gitHub, GitHubSource source) {}

    private static final String ANONYMOUS = "\u0000anonymous";

    private final String apiUrl;
    private final Function<String, Optional<StandardCredentials>> finder;
    private final Connections connections;
    private final GitHubSourceFactory secretText;
    private final Clock clock;
    private final Map<String, Held> held = new HashMap<>();

    /**
     * @param finder     resolves a credentials id ({@code credentials.JenkinsCredentials.find} in Jenkins)
     * @param secretText sources for secret-text credentials (core's caching factory over the same credentials)
     */
    public JenkinsGitHubSources(String apiUrl, Function<String, Optional<StandardCredentials>> finder, Connections connections,
            GitHubSourceFactory secretText, Clock clock) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
        this.finder = Objects.requireNonNull(finder, "finder");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.secretText = Objects.requireNonNull(secretText, "secretText");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public GitHubSource forCredentials(String credentialsId) throws IOException {
        StandardCredentials credentials = null;
        if (credentialsId != null) {
            credentials = finder.apply(credentialsId).orElseThrow(() -> new ValidationException("credentialsId",
                    "no credentials with id '" + credentialsId + "' (Manage Jenkins » Credentials)"));
            if (credentials instanceof StringCredentials) {
                return secretText.forCredentials(credentialsId);
            }
        }
        GitHub gitHub = connections.connect(apiUrl, credentials);
        String key = credentialsId == null ? ANONYMOUS : credentialsId;
        synchronized (held) {
            Held current = held.get(key);
            if (current != null && current.gitHub() == gitHub) {
                connections.release(gitHub); // the usage taken by this connect; one is already held
                return current.source();
            }
            if (current != null) {
                connections.release(current.gitHub()); // credentials changed: a new connection replaces it
            }
            Held next = new Held(gitHub, new GitHubSource(gitHub, clock));
            held.put(key, next);
            return next.source();
        }
    }

    @Override
    public void close() {
        synchronized (held) {
            held.values().forEach(h -> connections.release(h.gitHub()));
            held.clear();
        }
    }
}
