package io.jenkins.plugins.fathomable.core.source.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.spec.SpecText;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * GitHub's GraphQL endpoint and the one REST call detection still needs (a file's content at a commit), over
 * OkHttp, each request sent only with a permit of the credential's {@link GitHubGovernor} and counted. Nothing is
 * cached: what must outlive a cycle (commit, blob id, content) is in the tracker's stored observation.
 */
final class GitHubHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    /** Bodies above this are not GitHub answers to our queries (100 lookups answer in about 15 KB). */
    private static final long MAX_BODY = 8L * 1024 * 1024;

    /** A request that got no usable answer: the status the trackers concerned show, and why. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final Status status;

        Failure(Status status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        Status status() {
            return status;
        }
    }

    private final GitHubEndpoint endpoint;
    private final OkHttpClient client;
    private final RequestCounter counter;

    GitHubHttp(GitHubEndpoint endpoint, OkHttpClient client, RequestCounter counter) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.client = Objects.requireNonNull(client, "client");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    GitHubEndpoint endpoint() {
        return endpoint;
    }

    /** The secret GitHub authenticates by: the token, or the password of a user name and token. */
    static Secret secret(Credential credential) {
        return credential instanceof Credential.UsernamePassword up ? up.password() : ((Credential.Token) credential).token();
    }

    /**
     * Sends one GraphQL query and returns its whole answer ({@code data} and {@code errors}); a refusal for rate
     * limiting pauses the governor and fails.
     */
    JsonNode graphql(Credential credential, GitHubGovernor governor, String query, Map<String, String> variables,
            Instant deadline, String what) throws Failure, GitHubGovernor.Refused, InterruptedIOException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("query", query);
        ObjectNode vars = payload.putObject("variables");
        variables.forEach(vars::put);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        Request request = authorised(new Request.Builder().url(endpoint.graphql()), credential)
                .post(RequestBody.create(bytes, JSON_TYPE)).build();
        Answer answer = send(request, governor, GitHubGovernor.Api.GRAPHQL, RequestKind.GITHUB_GRAPHQL, deadline, what);
        if (answer.code() != 200) {
            throw failure(answer, governor, what);
        }
        JsonNode body = answer.body();
        if (body == null || !body.isObject()) {
            throw new Failure(Status.ERROR, "GitHub answered a GraphQL query with something that is not JSON (" + what + ")");
        }
        for (JsonNode error : body.path("errors")) {
            if ("RATE_LIMITED".equals(error.path("type").asText())) {
                governor.refused(answer.code(), answer::header, error.path("message").asText(null));
                throw paused(governor, what);
            }
        }
        return body;
    }

    /** Reads {@code path} at {@code commitSha}: the content and its blob SHA. */
    ConfigRevision contents(Credential credential, GitHubGovernor governor, String repo, String path, String commitSha,
            Instant deadline) throws Failure, GitHubGovernor.Refused, InterruptedIOException {
        String what = "reading " + path + " at " + commitSha + " in " + repo;
        Request request = authorised(new Request.Builder().url(endpoint.contents(repo, path, commitSha)), credential)
                .header("Accept", "application/vnd.github+json").get().build();
        Answer answer = send(request, governor, GitHubGovernor.Api.REST, RequestKind.GITHUB_CONTENTS, deadline, what);
        if (answer.code() == 404) {
            throw new Failure(Status.NOT_FOUND, "GitHub: " + path + " at " + commitSha + " in " + repo + " not found");
        }
        if (answer.code() != 200) {
            throw failure(answer, governor, what);
        }
        JsonNode body = answer.body();
        if (body == null || !body.isObject() || !"file".equals(body.path("type").asText())
                || !"base64".equals(body.path("encoding").asText()) || !body.path("sha").isTextual()) {
            throw new Failure(Status.INVALID_CONFIG, path + " in " + repo
                    + " is not a regular file GitHub can return inline (directories and files over 1 MB are not)");
        }
        byte[] content = Base64.getMimeDecoder().decode(body.path("content").asText(""));
        try {
            return new ConfigRevision(commitSha, body.path("sha").asText(), SpecText.decode(content));
        } catch (ValidationException e) {
            throw new Failure(Status.INVALID_CONFIG, path + " at " + commitSha + ": " + e.getMessage());
        }
    }

    private Request.Builder authorised(Request.Builder request, Credential credential) {
        request.header("User-Agent", "Fathomable").header("X-GitHub-Api-Version", "2022-11-28");
        return credential == null ? request : request.header("Authorization", "bearer " + secret(credential).reveal());
    }

    private record Answer(int code, JsonNode body, okhttp3.Headers headers) {
        String header(String name) {
            return headers.get(name);
        }

        String message() {
            return body == null ? null : body.path("message").asText(null);
        }
    }

    private Answer send(Request request, GitHubGovernor governor, GitHubGovernor.Api api, RequestKind kind,
            Instant deadline, String what) throws Failure, GitHubGovernor.Refused, InterruptedIOException {
        try (GitHubGovernor.Permit permit = governor.acquire(api, deadline)) {
            counter.record(kind);
            try (Response response = client.newCall(request).execute()) {
                JsonNode body = parse(response.body());
                Answer answer = new Answer(response.code(), body, response.headers());
                if (answer.code() >= 400) {
                    counter.record(RequestKind.GITHUB_ERROR);
                }
                governor.observe(answer.code(), answer::header, answer.message());
                return answer;
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                throw unreachable(governor, "no answer in time", what);
            } catch (IOException e) {
                throw unreachable(governor, ConnectionFailure.describe(e).orElse(e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage())), what);
            }
        }
    }

    private static JsonNode parse(ResponseBody body) throws IOException {
        if (body.contentLength() > MAX_BODY) {
            return null;
        }
        byte[] bytes = body.source().readByteArray();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A request that got no answer: counted as an error, and every request of the credential backs off. */
    private Failure unreachable(GitHubGovernor governor, String reason, String what) {
        counter.record(RequestKind.GITHUB_ERROR);
        String cannot = "cannot reach GitHub API at " + endpoint.display() + ": " + reason;
        Instant until = governor.unreachable(cannot);
        return new Failure(Status.ERROR, cannot + " (" + what + "); backing off until " + until);
    }

    private Failure failure(Answer answer, GitHubGovernor governor, String what) {
        int code = answer.code();
        GitHubGovernor.Pause pause = governor.pause();
        if (pause != null && pause.hold() == GitHubGovernor.Hold.RATE_LIMITED && (code == 403 || code == 429)) {
            return paused(governor, what);
        }
        String message = answer.message() == null ? "" : ": " + answer.message();
        return switch (code) {
            case 401 -> new Failure(Status.UNAUTHORIZED, "GitHub rejected the credentials (HTTP 401) " + what);
            case 403 -> new Failure(Status.FORBIDDEN, "GitHub refused access (HTTP 403) " + what + message);
            default -> new Failure(Status.ERROR, "GitHub answered HTTP " + code + " " + what + message);
        };
    }

    private static Failure paused(GitHubGovernor governor, String what) {
        GitHubGovernor.Pause pause = governor.pause();
        return pause == null ? new Failure(Status.RATE_LIMITED, "GitHub refused for rate limiting (" + what + ")")
                : new Failure(Status.RATE_LIMITED, pausedMessage(pause));
    }

    /** What a tracker shows while its credential is paused. */
    static String pausedMessage(GitHubGovernor.Pause pause) {
        return "GitHub: requests with these credentials are paused until " + pause.until() + ": " + pause.reason();
    }
}
