package io.jenkins.plugins.fathomable.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock API server with server-side apply added. The mock does not implement apply patches
 * ({@code application/apply-patch+yaml}) at all, so this dispatcher approximates one: <b>create the object if it is
 * missing, otherwise JSON-merge the applied object into the live one</b> (RFC 7386: maps merge, lists and values
 * are replaced) and store the result with a PUT. That is not real field-ownership
 * semantics (fields a manager stops applying are not removed, conflicts never happen), but it is enough to observe
 * what the client sends and what ends up stored. With {@code dryRun=All} the merged result is returned without
 * being stored. Every request is recorded so tests can check the content type and query parameters.
 */
final class ApplyPatchDispatcher extends KubernetesCrudDispatcher {

    static final String APPLY_PATCH = "application/apply-patch+yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> conflicts = new ConcurrentHashMap<>();

    /**
     * Answers applies of objects with this name (without force) the way a real API server answers a field
     * conflict: 409 with a Status naming the other manager.
     */
    void conflictOn(String name, String otherManager) {
        conflicts.put(name, otherManager);
    }

    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int failureStatus;

    /** The next {@code count} applies answer {@code status} (a 500 of an overloaded API server, a 409...). */
    void failNextApplies(int status, int count) {
        failureStatus = status;
        failures.set(count);
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    List<RecordedRequest> applyRequests() {
        return requests.stream().filter(r -> "PATCH".equals(r.getMethod())
                && String.valueOf(r.getHeader("Content-Type")).startsWith(APPLY_PATCH)).toList();
    }

    void clearRequests() {
        requests.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        return super.dispatch(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith(APPLY_PATCH)) {
            return super.handlePatch(request);
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse().setResponseCode(failureStatus).setBody("{\"kind\":\"Status\",\"apiVersion\":"
                    + "\"v1\",\"status\":\"Failure\",\"reason\":\"" + (failureStatus == 409 ? "Conflict"
                    : "InternalError") + "\",\"code\":" + failureStatus + ",\"message\":\"injected fault "
                    + failureStatus + "\"}");
        }
        String path = request.getPath();
        int q = path.indexOf('?');
        String resourcePath = q < 0 ? path : path.substring(0, q);
        String query = q < 0 ? "" : path.substring(q + 1);
        String json = asJson(request.getUtf8Body());
        String name = resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
        if (conflicts.containsKey(name) && !List.of(query.split("&")).contains("force=true")) {
            return new MockResponse().setResponseCode(409).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,\"message\":"
                    + "\"Apply failed with 1 conflict: conflict with \\\"" + conflicts.get(name)
                    + "\\\": .spec.replicas\"}");
        }
        Map.Entry<AttributeSet, String> current = findResource(getKey(resourcePath));
        String merged;
        try {
            merged = current == null ? json : JSON.writeValueAsString(mergePatch(
                    JSON.readTree(current.getValue()), JSON.readTree(json)));
        } catch (IOException e) {
            return new MockResponse().setResponseCode(422).setBody(e.getMessage());
        }
        if (List.of(query.split("&")).contains("dryRun=All")) {
            return new MockResponse().setResponseCode(200).setBody(merged);
        }
        if (current == null) {
            String collection = resourcePath.substring(0, resourcePath.lastIndexOf('/'));
            return super.handleCreate(rewritten(HttpMethod.POST, collection, json));
        }
        return super.handleUpdate(rewritten(HttpMethod.PUT, resourcePath, merged));
    }

    /** RFC 7386 merge: objects merge key by key, null deletes, anything else (lists too) replaces. */
    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode result = ((ObjectNode) target).deepCopy();
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                JsonNode existing = result.get(e.getKey());
                result.set(e.getKey(), existing == null ? e.getValue() : mergePatch(existing, e.getValue()));
            }
        });
        return result;
    }

    private static RecordedRequest rewritten(HttpMethod method, String path, String body) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Apply bodies are YAML by content type (fabric8 happens to send JSON, which is YAML too). */
    private static String asJson(String yamlOrJson) {
        try {
            return JSON.writeValueAsString(YAML.readTree(yamlOrJson));
        } catch (IOException e) {
            throw new IllegalArgumentException("apply body is not YAML: " + e.getMessage(), e);
        }
    }
}
