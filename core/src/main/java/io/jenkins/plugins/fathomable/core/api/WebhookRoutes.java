package io.jenkins.plugins.fathomable.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.validation.Printable;
import io.jenkins.plugins.fathomable.core.webhook.BadPayloadException;
import io.jenkins.plugins.fathomable.core.webhook.Delivery;
import io.jenkins.plugins.fathomable.core.webhook.Secrets;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The webhook receivers, answered the same in every host that serves them:
 * <pre>
 *   POST /webhooks/github     GitHub, signed with X-Hub-Signature-256 (HMAC-SHA256 of the body, shared secret)
 *   POST /webhooks/registry   registry notifications, Docker Hub, Harbor; Authorization: Bearer &lt;token&gt;
 *                             (?registry=HOST:PORT names the registry when the body's host is not the trackers')
 * </pre>
 * A route whose secret is not configured does not exist (404). The sender is checked first, in constant time; a
 * request that fails the check, a malformed body and a repeated delivery change nothing. An accepted delivery is
 * answered at once ({@code 202}) and its trackers are looked at in the background.
 */
public final class WebhookRoutes {

    /** Largest body accepted: GitHub's push payloads list up to 20 commits with their files. */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    public static final String GITHUB = "/webhooks/github";
    public static final String REGISTRY = "/webhooks/registry";

    private static final Pattern HOST = Pattern.compile("(?:\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?");

    private final Webhooks webhooks;
    private final Supplier<Optional<Secret>> gitHubSecret;
    private final Supplier<Optional<Secret>> registryToken;
    private final Consumer<RuntimeException> onUnexpected;
    private final ObjectMapper mapper = ApiJson.mapper();

    /**
     * @param gitHubSecret  the shared secret of GitHub's webhooks, asked at each request (empty: no such route)
     * @param registryToken the bearer token registries send, asked at each request (empty: no such route)
     */
    public WebhookRoutes(Webhooks webhooks, Supplier<Optional<Secret>> gitHubSecret,
            Supplier<Optional<Secret>> registryToken, Consumer<RuntimeException> onUnexpected) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.gitHubSecret = Objects.requireNonNull(gitHubSecret, "gitHubSecret");
        this.registryToken = Objects.requireNonNull(registryToken, "registryToken");
        this.onUnexpected = Objects.requireNonNull(onUnexpected, "onUnexpected");
    }

    /** Whether {@code path} is one of these routes (hosts send it here instead of to the tracker routes). */
    public static boolean isWebhook(String path) {
        return path.equals(GITHUB) || path.equals(REGISTRY) || path.equals(GITHUB + "/") || path.equals(REGISTRY + "/");
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            String path = request.path().endsWith("/") ? request.path().substring(0, request.path().length() - 1)
                    : request.path();
            return path.equals(GITHUB) ? gitHub(request) : registry(request);
        } catch (ApiProblem p) {
            return error(p);
        } catch (BadPayloadException e) {
            return error(new ApiProblem(400, "invalid_body", Printable.line(e.getMessage(), 300)));
        } catch (RuntimeException e) {
            onUnexpected.accept(e);
            return error(new ApiProblem(500, "internal_error", "the delivery failed on the server; see its log"));
        }
    }

    private ApiResponse gitHub(ApiRequest request) {
        Secret secret = gitHubSecret.get().orElseThrow(() -> new ApiProblem(404, "not_found",
                "no GitHub webhook secret is configured, so there is no GitHub webhook here"));
        checkPostWithinLimit(request);
        if (!Secrets.validSignature(secret, request.body(), request.header("X-Hub-Signature-256").orElse(null))) {
            throw new ApiProblem(401, "unauthorized", "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the"
                    + " body under the shared secret");
        }
        String event = request.header("X-GitHub-Event").orElseThrow(() -> new ApiProblem(400, "bad_request",
                "X-GitHub-Event is required"));
        String delivery = request.header("X-GitHub-Delivery").orElseThrow(() -> new ApiProblem(400, "bad_request",
                "X-GitHub-Delivery is required"));
        Delivery d = webhooks.gitHub(event, delivery, request.body());
        if (event.equalsIgnoreCase("ping") && d.outcome() != Delivery.Outcome.DUPLICATE) {
            return answer(new Delivery(Delivery.Outcome.IGNORED, List.of(), "pong: GitHub's webhooks reach Fathomable"));
        }
        return answer(d);
    }

    private ApiResponse registry(ApiRequest request) {
        Secret token = registryToken.get().orElseThrow(() -> new ApiProblem(404, "not_found",
                "no registry webhook token is configured, so there is no registry webhook here"));
        checkPostWithinLimit(request);
        if (!Secrets.validBearer(token, request.header("Authorization").orElse(null))) {
            throw new ApiProblem(401, "unauthorized", "send the registry webhook token as Authorization: Bearer");
        }
        return answer(webhooks.registry(request.body(), registryParameter(request.query())));
    }

    private static void checkPostWithinLimit(ApiRequest request) {
        if (!request.method().equals("POST")) {
            throw new TrackerApi.MethodNotAllowed(request.method(), "POST");
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw new ApiProblem(413, "payload_too_large", "the body is over " + MAX_BODY_BYTES + " bytes");
        }
    }

    private static String registryParameter(String query) {
        if (query == null) {
            return null;
        }
        String registry = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.equals("registry")) {
                throw new ApiProblem(400, "unknown_field", "unknown query parameter; the only one is 'registry'",
                        "registry", List.of());
            }
            String value;
            try {
                value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "bad_request", "the query string is not validly percent-encoded");
            }
            if (!HOST.matcher(value).matches() || registry != null) {
                throw new ApiProblem(400, "invalid_field", "registry: must be one host[:port] as trackers' images"
                        + " name it, e.g. registry.example.com:5000", "registry", List.of());
            }
            registry = value.toLowerCase(Locale.ROOT);
        }
        return registry;
    }

    /**
     * The answer to a delivery: {@code 202} while its trackers are looked at, else {@code 200}, with
     * {@code {"outcome": "looking", "trackers": [...], "message": "..."}}.
     */
    private ApiResponse answer(Delivery d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", d.outcome().name().toLowerCase(Locale.ROOT));
        body.put("trackers", d.trackers().stream().map(Object::toString).toList());
        body.put("message", d.message());
        return json(d.outcome() == Delivery.Outcome.LOOKING ? 202 : 200, body, Map.of());
    }

    private ApiResponse error(ApiProblem p) {
        return ApiResponse.problem(mapper, p);
    }

    private ApiResponse json(int status, Object body, Map<String, String> extraHeaders) {
        return ApiResponse.json(mapper, status, body, extraHeaders);
    }
}
