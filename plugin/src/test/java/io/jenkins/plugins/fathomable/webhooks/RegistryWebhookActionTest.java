package io.jenkins.plugins.fathomable.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.engine.SpecImagePolicyReader;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.testing.WebhookPayloads;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.core.webhook.Hint;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code JENKINS_URL/fathomable-webhook/registry}: what it answers and what it changes, with core's real receiver. */
class RegistryWebhookActionTest {

    private static final Optional<Secret> TOKEN = Optional.of(Secret.of("registry-webhook-token-5f0c"));

    @TempDir
    Path state;

    private Webhooks webhooks;
    private final AtomicInteger bodyReads = new AtomicInteger();

    @BeforeEach
    void setUp() {
        webhooks = new Webhooks(new FileTrackerStore(state.resolve("trackers")), new SpecImagePolicyReader(),
                trackers -> { }, Runnable::run, (delay, task) -> { }, Clock.systemUTC(), line -> { });
    }

    private ApiResponse post(Optional<Secret> token, String authorization, byte[] body) throws IOException {
        Map<String, List<String>> headers = authorization == null ? Map.of("Content-Type",
                List.of("application/vnd.docker.distribution.events.v1+json")) : Map.of("authorization",
                List.of(authorization), "Content-Type", List.of("application/vnd.docker.distribution.events.v1+json"));
        return RegistryWebhookAction.receive(token, () -> webhooks, "POST", headers, null, () -> {
            bodyReads.incrementAndGet();
            return body;
        });
    }

    private static byte[] notification() {
        return WebhookPayloads.distribution("127.0.0.1:5000", "team/api", "1.0");
    }

    private static String text(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutATokenCredentialThereIsNoWebhook() throws IOException {
        ApiResponse r = post(Optional.empty(), "Bearer anything", notification());

        assertThat(r.status()).isEqualTo(404);
        assertThat(text(r)).contains("no registry webhook token is configured");
        assertThat(bodyReads).as("the body is not read").hasValue(0);
        assertThat(webhooks.lastDelivery(Hint.Source.REGISTRY)).isEmpty();
    }

    @Test
    void aWrongOrMissingTokenIs401WithoutReadingTheBody() throws IOException {
        for (String authorization : new String[] {null, "Bearer registry-webhook-token-5f0d", "registry-webhook-token-5f0c",
                "Basic cmVnaXN0cnk6cmVnaXN0cnktd2ViaG9vay10b2tlbi01ZjBj"}) {
            ApiResponse r = post(TOKEN, authorization, notification());

            assertThat(r.status()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(text(r)).doesNotContain("5f0c");
        }
        assertThat(bodyReads).hasValue(0);
        assertThat(webhooks.lastDelivery(Hint.Source.REGISTRY)).as("nothing was received").isEmpty();
    }

    @Test
    void theRightTokenHandsTheNotificationToTheEngine() throws IOException {
        ApiResponse r = post(TOKEN, "Bearer registry-webhook-token-5f0c", notification());

        assertThat(r.status()).as(text(r)).isEqualTo(202);
        assertThat(text(r)).contains("team/api:1.0");
        assertThat(bodyReads).hasValue(1);
        assertThat(webhooks.lastDelivery(Hint.Source.REGISTRY)).isPresent();
    }

    @Test
    void aMalformedBodyIs400AndChangesNothing() throws IOException {
        ApiResponse r = post(TOKEN, "Bearer registry-webhook-token-5f0c", "{\"events\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(400);
        assertThat(webhooks.lastDelivery(Hint.Source.REGISTRY)).isEmpty();
    }

    @Test
    void onlyPost() throws IOException {
        ApiResponse r = RegistryWebhookAction.receive(TOKEN, () -> webhooks, "GET",
                Map.of("Authorization", List.of("Bearer registry-webhook-token-5f0c")), null, () -> new byte[0]);

        assertThat(r.status()).isEqualTo(405);
    }

    @Test
    void anInvalidConfigurationIs503() throws IOException {
        ApiResponse r = RegistryWebhookAction.receive(TOKEN, () -> {
            throw new ValidationException("trackers", "broken");
        }, "POST", Map.of("Authorization", List.of("Bearer registry-webhook-token-5f0c")), null, notification()::clone);

        assertThat(r.status()).isEqualTo(503);
    }

    @Test
    void onlyTheRegistryPathIsExemptFromCrumbs() throws Exception {
        RegistryWebhookCrumbExclusion exclusion = new RegistryWebhookCrumbExclusion();
        AtomicInteger passed = new AtomicInteger();
        FilterChain chain = (req, rsp) -> passed.incrementAndGet();

        assertThat(exclusion.process(request("/fathomable-webhook/registry"), null, chain)).isTrue();
        assertThat(exclusion.process(request("/fathomable-webhook/registry/"), null, chain)).isTrue();
        assertThat(passed).hasValue(2);
        for (String other : new String[] {"/fathomable-webhook/", "/fathomable-webhook/registry/x",
                "/fathomable/api/trackers/", "/manage/configSubmit", null}) {
            assertThat(exclusion.process(request(other), null, chain)).as(String.valueOf(other)).isFalse();
        }
        assertThat(passed).as("other paths keep needing a crumb").hasValue(2);
    }

    private static HttpServletRequest request(String pathInfo) {
        return (HttpServletRequest) Proxy.newProxyInstance(RegistryWebhookActionTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getPathInfo")) {
                        return pathInfo;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
