package io.jenkins.plugins.fathomable.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final Secret SECRET = Secret.of("It's a Secret to Everybody");
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void gitHubsDocumentedExampleSignatureIsValid() {
        // the example of GitHub's documentation "Validating webhook deliveries"
        String github = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(Secrets.signature(SECRET, BODY)).isEqualTo(github);
        assertThat(Secrets.validSignature(SECRET, BODY, github)).isTrue();
        assertThat(Secrets.validSignature(SECRET, BODY, github.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        String good = Secrets.signature(SECRET, BODY);
        assertThat(Secrets.validSignature(SECRET, BODY, null)).isFalse();
        assertThat(Secrets.validSignature(SECRET, BODY, "")).isFalse();
        assertThat(Secrets.validSignature(SECRET, BODY, good.substring(7))).as("without the prefix").isFalse();
        assertThat(Secrets.validSignature(SECRET, BODY, "sha1=" + good.substring(7))).isFalse();
        assertThat(Secrets.validSignature(SECRET, BODY, good.substring(0, good.length() - 1) + "0")).isFalse();
        assertThat(Secrets.validSignature(SECRET, BODY, good + "00")).isFalse();
        assertThat(Secrets.validSignature(SECRET, BODY, "sha256=" + "zz".repeat(32))).isFalse();
        assertThat(Secrets.validSignature(Secret.of("another secret"), BODY, good)).isFalse();
        assertThat(Secrets.validSignature(SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8), good)).isFalse();
    }

    @Test
    void bearerTokens() {
        Secret token = Secret.of("wh_registry_0123456789");
        assertThat(Secrets.validBearer(token, "Bearer wh_registry_0123456789")).isTrue();
        assertThat(Secrets.validBearer(token, "bearer  wh_registry_0123456789 ")).isTrue();
        assertThat(Secrets.validBearer(token, "Bearer wh_registry_012345678")).isFalse();
        assertThat(Secrets.validBearer(token, "Basic d2g6cmVnaXN0cnk=")).isFalse();
        assertThat(Secrets.validBearer(token, "wh_registry_0123456789")).isFalse();
        assertThat(Secrets.validBearer(token, null)).isFalse();
        assertThat(Secrets.validBearer(Secret.of(""), "Bearer ")).as("an empty token proves nothing").isFalse();
    }
}
