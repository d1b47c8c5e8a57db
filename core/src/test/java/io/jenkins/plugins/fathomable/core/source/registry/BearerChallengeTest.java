package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void parsesDockerHubsChallenge() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer realm=\"https://auth.example.io/token\","
                + "service=\"registry.example.io\",scope=\"repository:library/nginx:pull\"").orElseThrow();

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.realm()).isEqualTo("https://auth.example.io/token");
        assertThat(challenge.service()).isEqualTo("registry.example.io");
        assertThat(challenge.scope()).isEqualTo("repository:library/nginx:pull");
    }

    @Test
    void acceptsSpacesUnquotedValuesAndCommasInsideQuotes() {
        BearerChallenge challenge = BearerChallenge.parse(
                "bearer realm=https://ghcr.example/token , service=\"ghcr.example\", scope=\"repository:a/b:pull,push\"")
                .orElseThrow();

        assertThat(challenge.realm()).isEqualTo("https://ghcr.example/token");
        assertThat(challenge.service()).isEqualTo("ghcr.example");
        assertThat(challenge.scope()).isEqualTo("repository:a/b:pull,push");
    }

    @Test
    void basicChallengeAndMissingHeader() {
        assertThat(BearerChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow().isBasic()).isTrue();
        assertThat(BearerChallenge.parse(null)).isEmpty();
        assertThat(BearerChallenge.parse("  ")).isEmpty();
    }
}
