package io.jenkins.plugins.fathomable.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiExchangeTest {

    /** Records what would be written to the servlet response. */
    static final class RecordingSink implements ApiExchange.Sink {
        int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void status(int s) {
            status = s;
        }

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public OutputStream body() {
            return body;
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void staplersRestOfPathMapsBelowTrackers() {
        assertThat(ApiExchange.path(null)).isEqualTo("/trackers/");
        assertThat(ApiExchange.path("")).isEqualTo("/trackers/");
        assertThat(ApiExchange.path("/")).isEqualTo("/trackers/");
        assertThat(ApiExchange.path("/payments.api")).isEqualTo("/trackers/payments.api");
        assertThat(ApiExchange.path("payments.api")).isEqualTo("/trackers/payments.api");
        assertThat(ApiExchange.path("/payments.api/history")).isEqualTo("/trackers/payments.api/history");
    }

    @Test
    void theRequestKeepsMethodHeadersBodyAndCaller() {
        Caller caller = Caller.authenticated("alice", Caller.Permission.READ);
        ApiRequest request = ApiExchange.request("put", "/payments.api",
                Map.of("content-type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8), caller);

        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/trackers/payments.api");
        assertThat(request.header("Content-Type")).contains("application/json");
        assertThat(request.body()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
        assertThat(request.caller()).isSameAs(caller);
    }

    @Test
    void atMostOneByteOverTheLimitIsRead() throws Exception {
        byte[] huge = new byte[TrackerApi.MAX_BODY_BYTES * 2];

        assertThat(ApiExchange.body(new ByteArrayInputStream(huge))).hasSize(TrackerApi.MAX_BODY_BYTES + 1);
        assertThat(ApiExchange.body(null)).isEmpty();
    }

    @Test
    void theResponseIsCopiedVerbatimAndHeadSendsNoBody() throws Exception {
        ApiResponse response = new ApiResponse(201, Map.of("Location", "/trackers/a.b", "Content-Type", ApiResponse.JSON),
                "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        RecordingSink get = new RecordingSink();
        RecordingSink head = new RecordingSink();

        ApiExchange.write(response, false, get);
        ApiExchange.write(response, true, head);

        assertThat(get.status).isEqualTo(201);
        assertThat(get.headers).containsEntry("Location", "/trackers/a.b").containsEntry("Content-Type", ApiResponse.JSON);
        assertThat(get.text()).isEqualTo("{\"ok\":true}");
        assertThat(head.status).isEqualTo(201);
        assertThat(head.body.size()).isZero();
    }
}
