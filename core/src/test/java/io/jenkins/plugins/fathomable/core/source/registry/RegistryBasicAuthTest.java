package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registry basic auth against a real registry configured with htpasswd. */
class RegistryBasicAuthTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.basicAuth("ci-bot", "s3cret-pass");

    @Test
    void credentialedBasicAuthReadsTheDigestAndThenSendsBasicUpFront() throws Exception {
        ImagePusher.Pushed pushed = REGISTRY.pusher().image("private/app", "1.0.0");
        RequestCounter counter = new RequestCounter();
        RegistryClient client = TestRegistries.client(REGISTRY, "registry-creds", TestRegistries.credentials("registry-creds", "ci-bot", "s3cret-pass"),
                counter, Clock.systemUTC());
        ImageReference image = ImageReference.parse(REGISTRY.host() + "/private/app:1.0.0");
        int mark = REGISTRY.logMark();

        assertThat(client.digest(image)).isEqualTo(pushed.digest());
        assertThat(client.digest(image)).isEqualTo(pushed.digest());

        // the first request learns the challenge (401); afterwards credentials go with the first request
        assertThat(REGISTRY.requestsSince(mark)).containsExactly(
                "HEAD /v2/private/app/manifests/1.0.0 401",
                "HEAD /v2/private/app/manifests/1.0.0 200",
                "HEAD /v2/private/app/manifests/1.0.0 200");
        assertThat(counter.count(RequestKind.HEAD_MANIFEST)).isEqualTo(3);
        assertThat(counter.count(RequestKind.TOKEN)).isZero();
    }

    @Test
    void wrongPasswordIsUnauthorizedWithoutTheSecretInTheMessage() throws Exception {
        REGISTRY.pusher().image("private/other", "1.0.0");
        RegistryClient client = TestRegistries.client(REGISTRY, "bad", TestRegistries.credentials("bad", "ci-bot", "wrong-password"),
                new RequestCounter(), Clock.systemUTC());

        assertThatThrownBy(() -> client.digest(ImageReference.parse(REGISTRY.host() + "/private/other:1.0.0")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAUTHORIZED))
                .message().doesNotContain("wrong-password");
    }

    @Test
    void anonymousAccessToAProtectedRegistryIsUnauthorized() {
        RegistryClient client = TestRegistries.client(REGISTRY, null, CredentialsPort.none(), new RequestCounter(), Clock.systemUTC());

        assertThatThrownBy(() -> client.tags(ImageReference.parse(REGISTRY.host() + "/private/app")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAUTHORIZED));
    }
}
