package io.jenkins.plugins.fathomable.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.jenkins.plugins.fathomable.core.source.github.GitHubSource;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.testing.Fakes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GitHub;

class JenkinsGitHubSourcesTest {

    /** Like github-branch-source's Connector: one shared connection per credentials secret, with usage counts. */
    private static final class FakeConnector implements JenkinsGitHubSources.Connections {
        final Map<String, GitHub> byKey = new HashMap<>();
        final Map<GitHub, Integer> usage = new HashMap<>();
        final List<String> connectedWith = new ArrayList<>();

        @Override
        public GitHub connect(String apiUrl, StandardCredentials credentials) {
            String key = credentials == null ? "anonymous" : ((com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials) credentials).getPassword()
                    .getPlainText();
            connectedWith.add(apiUrl + " " + (credentials == null ? "anonymous" : credentials.getId()));
            GitHub gitHub = byKey.computeIfAbsent(key, k -> GitHub.offline());
            usage.merge(gitHub, 1, Integer::sum);
            return gitHub;
        }

        @Override
        public void release(GitHub gitHub) {
            usage.merge(gitHub, -1, Integer::sum);
        }

        int inUse() {
            return usage.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Map<String, StandardCredentials> credentials = new HashMap<>();
    private final FakeConnector connector = new FakeConnector();
    private final List<String> secretTextIds = new ArrayList<>();
    private final GitHubSource secretTextSource = new GitHubSource(GitHub.offline(), Clock.systemUTC());
    private final JenkinsGitHubSources sources = new JenkinsGitHubSources("https://github.example.com/api/v3",
            id -> Optional.ofNullable(credentials.get(id)), connector, id -> {
                secretTextIds.add(id);
                return secretTextSource;
            }, Clock.systemUTC());

    @Test
    void usernamePasswordAndAnonymousGoThroughTheConnectorWithTheConfiguredEndpoint() throws Exception {
        credentials.put("gh-app", Fakes.userPassword("gh-app", "app[bot]", "installation-token"));

        GitHubSource app = sources.forCredentials("gh-app");
        GitHubSource anonymous = sources.forCredentials(null);

        assertThat(app).isNotSameAs(anonymous);
        assertThat(connector.connectedWith).containsExactly("https://github.example.com/api/v3 gh-app",
                "https://github.example.com/api/v3 anonymous");
        assertThat(secretTextIds).isEmpty();
    }

    @Test
    void secretTextUsesCoresClientBecauseTheConnectorDoesNotTakeIt() throws Exception {
        credentials.put("gh-token", Fakes.token("gh-token", "ghp_abc"));

        assertThat(sources.forCredentials("gh-token")).isSameAs(secretTextSource);
        assertThat(secretTextIds).containsExactly("gh-token");
        assertThat(connector.connectedWith).isEmpty();
    }

    @Test
    void theSameConnectionKeepsItsSourceAndOneUsage() throws Exception {
        credentials.put("gh-user", Fakes.userPassword("gh-user", "robot", "pw1"));

        GitHubSource first = sources.forCredentials("gh-user");
        GitHubSource second = sources.forCredentials("gh-user");

        assertThat(second).as("rate-limit pause and cache carry over").isSameAs(first);
        assertThat(connector.inUse()).isEqualTo(1);
    }

    @Test
    void aRotatedPasswordGetsANewConnectionAndReleasesTheOld() throws Exception {
        credentials.put("gh-user", Fakes.userPassword("gh-user", "robot", "pw1"));
        GitHubSource before = sources.forCredentials("gh-user");
        credentials.put("gh-user", Fakes.userPassword("gh-user", "robot", "pw2"));

        GitHubSource after = sources.forCredentials("gh-user");

        assertThat(after).isNotSameAs(before);
        assertThat(connector.inUse()).isEqualTo(1);
        sources.close();
        assertThat(connector.inUse()).isZero();
    }

    @Test
    void anUnknownIdIsAValidationErrorNamingIt() {
        assertThatThrownBy(() -> sources.forCredentials("missing")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("missing");
        assertThat(connector.connectedWith).isEmpty();
    }
}
