package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bearer token flow against a real registry configured with token auth and a test token service. */
class RegistryTokenAuthTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.tokenAuth("robot", "token-pass");

    @Test
    void bearerTokenFlowFetchesOneTokenAndReusesItUntilItExpires() throws Exception {
        ImagePusher.Pushed pushed = REGISTRY.pusher().image("acme/api", "1.2.3");
        RequestCounter counter = new RequestCounter();
        MutableClock clock = new MutableClock(Instant.now());
        RegistryClient client = TestRegistries.client(REGISTRY, "robot-creds", TestRegistries.credentials("robot-creds", "robot", "token-pass"),
                counter, clock);
        ImageReference image = ImageReference.parse(REGISTRY.host() + "/acme/api:1.2.3");
        REGISTRY.tokens().lifetime(Duration.ofSeconds(120));
        int tokensBefore = REGISTRY.tokens().requests().size();
        int mark = REGISTRY.logMark();

        assertThat(client.digest(image)).isEqualTo(pushed.digest());
        assertThat(client.digest(image)).isEqualTo(pushed.digest());
        assertThat(REGISTRY.tokens().requests().subList(tokensBefore, REGISTRY.tokens().requests().size()))
                .containsExactly("repository:acme/api:pull");
        assertThat(counter.count(RequestKind.TOKEN)).isEqualTo(1);

        // past the token's lifetime a new token is fetched before the request: still no 401
        clock.advance(Duration.ofSeconds(121));
        assertThat(client.digest(image)).isEqualTo(pushed.digest());

        assertThat(counter.count(RequestKind.TOKEN)).isEqualTo(2);
        assertThat(REGISTRY.requestsSince(mark)).containsExactly(
                "HEAD /v2/acme/api/manifests/1.2.3 401",
                "HEAD /v2/acme/api/manifests/1.2.3 200",
                "HEAD /v2/acme/api/manifests/1.2.3 200",
                "HEAD /v2/acme/api/manifests/1.2.3 200");
    }

    @Test
    void tagsListWorksWithABearerToken() throws Exception {
        ImagePusher.Pushed base = REGISTRY.pusher().image("acme/worker", "1.0.0");
        REGISTRY.pusher().tag("acme/worker", "1.1.0", base);
        RegistryClient client = TestRegistries.client(REGISTRY, "robot-creds", TestRegistries.credentials("robot-creds", "robot", "token-pass"),
                new RequestCounter(), Clock.systemUTC());

        assertThat(client.tags(ImageReference.parse(REGISTRY.host() + "/acme/worker"))).containsExactlyInAnyOrder("1.0.0", "1.1.0");
    }

    @Test
    void tokenServiceRefusingTheCredentialsIsUnauthorized() throws Exception {
        REGISTRY.pusher().image("acme/secret", "1.0.0");
        RegistryClient client = TestRegistries.client(REGISTRY, "robot-creds", TestRegistries.credentials("robot-creds", "robot", "not-it"),
                new RequestCounter(), Clock.systemUTC());

        assertThatThrownBy(() -> client.digest(ImageReference.parse(REGISTRY.host() + "/acme/secret:1.0.0")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAUTHORIZED))
                .hasMessageContaining("robot-creds")
                .message().doesNotContain("not-it");
    }
}
