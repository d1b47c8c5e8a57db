package io.jenkins.plugins.fathomable.core.source.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The GraphQL endpoint is derived from the REST API URL as GitHub lays them out. */
class GitHubEndpointTest {

    @Test
    void gitHubDotComAndEnterpriseServer() {
        assertThat(GitHubEndpoint.of("https://api.github.com").graphql()).hasToString("https://api.github.com/graphql");
        assertThat(GitHubEndpoint.of("https://api.github.com/").graphql()).hasToString("https://api.github.com/graphql");
        assertThat(GitHubEndpoint.of("https://github.example.com/api/v3").graphql())
                .hasToString("https://github.example.com/api/graphql");
        assertThat(GitHubEndpoint.of("https://github.example.com/api/v3/").graphql())
                .hasToString("https://github.example.com/api/graphql");
        assertThat(GitHubEndpoint.of("http://127.0.0.1:8089").graphql()).hasToString("http://127.0.0.1:8089/graphql");
        assertThat(GitHubEndpoint.of("https://github.example.com/api/v3").host()).isEqualTo("github.example.com");
        assertThat(GitHubEndpoint.of("http://127.0.0.1:8089").host()).isEqualTo("127.0.0.1:8089");
    }

    @Test
    void contentUrlsEncodeEachSegmentAndKeepTheApiPath() {
        assertThat(GitHubEndpoint.of("https://github.example.com/api/v3/").contents("acme/app", "deploy/my app/f#1.yaml",
                "0123456789012345678901234567890123456789"))
                .hasToString("https://github.example.com/api/v3/repos/acme/app/contents/deploy/my%20app/f%231.yaml"
                        + "?ref=0123456789012345678901234567890123456789");
        assertThat(GitHubEndpoint.of("http://127.0.0.1:8089").contents("acme/app", "fathomable.yaml", "c"))
                .hasToString("http://127.0.0.1:8089/repos/acme/app/contents/fathomable.yaml?ref=c");
    }
}
