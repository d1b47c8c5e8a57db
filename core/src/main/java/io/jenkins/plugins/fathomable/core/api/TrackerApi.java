package io.jenkins.plugins.fathomable.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.api.Caller.Permission;
import io.jenkins.plugins.fathomable.core.release.ConflictException;
import io.jenkins.plugins.fathomable.core.release.NoSuchReleaseException;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.StoreException;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.Printable;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The tracker REST routes, written once for every host (the Jenkins plugin and {@code fathomable serve}):
 * <pre>
 *   GET    /trackers/               list
 *   POST   /trackers/               create (201)
 *   GET    /trackers/{group.name}   one, with status
 *   PUT    /trackers/{group.name}   replace
 *   DELETE /trackers/{group.name}   remove
 *   POST   /trackers/{group.name}/hold, /unhold, /rollback?environment=E,
 *          /releases/{n}/approve?environment=E, /releases/{n}/reject, /releases/{n}/retry   ({@link ReleaseRoutes})
 * </pre>
 * The caller's permission is checked first (GET needs READ, anything else WRITE; 401 for an anonymous caller,
 * 403 otherwise). See {@code docs/openapi.yaml} for bodies and errors.
 */
public final class TrackerApi {

    /** Largest accepted body; hosts read at most one byte more. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String COLLECTION = "/trackers";
    private static final String COLLECTION_METHODS = "GET, POST";
    private static final String ITEM_METHODS = "GET, PUT, DELETE";

    private final TrackerService service;
    private final ReleaseRoutes operations;
    private final Consumer<RuntimeException> onUnexpected;
    private final ObjectMapper mapper = ApiJson.mapper();
    private final TrackerBodyParser parser = new TrackerBodyParser(mapper);

    /** Without the operation routes (they answer 404): for hosts and tests that manage trackers only. */
    public TrackerApi(TrackerService service, Consumer<RuntimeException> onUnexpected) {
        this(service, null, onUnexpected);
    }

    /**
     * @param service      what the tracker routes do
     * @param operations   what the operation routes do (approve, reject, hold, unhold, rollback, retry)
     * @param onUnexpected told of any unexpected failure (answered 500 with no detail), for the host to log
     */
    public TrackerApi(TrackerService service, ReleaseOperations operations, Consumer<RuntimeException> onUnexpected) {
        this.service = Objects.requireNonNull(service, "service");
        this.operations = operations == null ? null : new ReleaseRoutes(operations);
        this.onUnexpected = Objects.requireNonNull(onUnexpected, "onUnexpected");
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            authorize(request);
            return route(request);
        } catch (ApiProblem p) {
            return error(p);
        } catch (NoSuchReleaseException e) {
            return error(new ApiProblem(404, "release_not_found", e.errors().get(0).message(), "release", List.of()));
        } catch (ConflictException e) {
            return error(new ApiProblem(409, "conflict", e.getMessage()));
        } catch (NoSuchTrackerException e) {
            return error(new ApiProblem(404, "tracker_not_found", e.getMessage()));
        } catch (ValidationException e) {
            return error(ApiProblem.invalid(e.errors()));
        } catch (TrackerNotFoundException e) {
            return error(new ApiProblem(404, "tracker_not_found", e.getMessage()));
        } catch (TrackerExistsException e) {
            return error(new ApiProblem(409, "tracker_exists", e.getMessage(), "id", List.of()));
        } catch (StoreException | java.io.UncheckedIOException e) {
            // A full disk or an unwritable directory: the services change nothing when a write fails, so say so.
            onUnexpected.accept(e);
            return error(new ApiProblem(503, "storage_failed", "the change could not be stored, so nothing was"
                    + " changed: " + Printable.line(describe(e), 300)));
        } catch (RuntimeException e) {
            onUnexpected.accept(e);
            return error(new ApiProblem(500, "internal_error", "the request failed on the server; see its log"));
        }
    }

    private static String describe(RuntimeException e) {
        Throwable cause = e.getCause();
        return e.getMessage() + (cause == null || cause.getMessage() == null || e.getMessage().contains(cause.getMessage())
                ? "" : ": " + cause.getMessage());
    }

    /** For hosts: the answer when a request's body did not arrive within the host's time limit. */
    public ApiResponse requestTimeout() {
        return error(new ApiProblem(408, "request_timeout", "the request body did not arrive in time; send it again"));
    }

    /** For hosts: the answer to a request the HTTP layer refused before routing (bad syntax, huge headers). */
    public ApiResponse badRequest(int status, String reason) {
        String message = "the request is malformed" + (reason == null || reason.isBlank() ? ""
                : ": " + Printable.line(reason, 200));
        // Mostly 400; the HTTP layer may say 414 (URI too long) or 431 (headers too large) instead.
        return error(status == 400 ? new ApiProblem(400, "bad_request", message)
                : new ApiProblem(status, "bad_request", message));
    }

    private static void authorize(ApiRequest request) {
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        Permission needed = read ? Permission.READ : Permission.WRITE;
        if (request.caller().may(needed)) {
            return;
        }
        if (request.caller().isAnonymous()) {
            throw new ApiProblem(401, "unauthorized", "authentication is required");
        }
        throw new ApiProblem(403, "forbidden", request.caller().principal() + " lacks the "
                + needed.name().toLowerCase(Locale.ROOT) + " permission for trackers");
    }

    private ApiResponse route(ApiRequest request) {
        String path = request.path();
        if (path.equals(COLLECTION) || path.equals(COLLECTION + "/")) {
            return switch (request.method()) {
                case "GET" -> json(200, Map.of("trackers", service.list()), Map.of());
                case "POST" -> {
                    TrackerDetails created = service.create(parser.parse(body(request), null));
                    yield json(201, created, Map.of("Location", COLLECTION + "/" + created.tracker().id()));
                }
                default -> throw notAllowed(request, COLLECTION_METHODS);
            };
        }
        if (path.startsWith(COLLECTION + "/") && path.indexOf('/', COLLECTION.length() + 1) < 0) {
            String idText = path.substring(COLLECTION.length() + 1);
            return switch (request.method()) {
                case "GET" -> json(200, service.get(pathId(idText))
                        .orElseThrow(() -> new TrackerNotFoundException(pathId(idText))), Map.of());
                case "PUT" -> {
                    TrackerId id = pathId(idText);
                    byte[] body = body(request);
                    yield json(200, service.replace(parser.parse(body, id)), Map.of());
                }
                case "DELETE" -> {
                    TrackerId id = pathId(idText);
                    service.delete(id);
                    yield json(200, Map.of("deleted", id.toString(), "message", "tracker " + id
                            + " and its stored token are removed; objects already deployed stay in their clusters"),
                            Map.of());
                }
                default -> throw notAllowed(request, ITEM_METHODS);
            };
        }
        int slash = path.indexOf('/', COLLECTION.length() + 1);
        if (operations != null && path.startsWith(COLLECTION + "/") && slash > 0
                && ReleaseRoutes.isOperation(path.substring(slash + 1))) {
            TrackerId id = pathId(path.substring(COLLECTION.length() + 1, slash));
            operations.run(request, id, path.substring(slash + 1));
            return json(200, service.get(id).orElseThrow(() -> new TrackerNotFoundException(id)), Map.of());
        }
        throw new ApiProblem(404, "not_found", "no such route; the API serves /trackers/, /trackers/{group.name} and"
                + " its operations (see the API description)");
    }

    /** A path that is not a valid id names no tracker: 404, like any unknown tracker. */
    private static TrackerId pathId(String text) {
        try {
            return TrackerId.parse(text);
        } catch (ValidationException e) {
            throw new ApiProblem(404, "tracker_not_found", "no tracker " + Printable.line(text, 100) + " ("
                    + e.errors().get(0) + ")");
        }
    }

    private static byte[] body(ApiRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            throw new ApiProblem(413, "payload_too_large", "the body is over " + MAX_BODY_BYTES + " bytes");
        }
        String type = request.header("Content-Type").orElse("");
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.endsWith("+json")) {
            throw new ApiProblem(415, "unsupported_media_type",
                    "send the body as Content-Type: application/json" + (media.isEmpty() ? "" : ", not " + media));
        }
        return request.body();
    }

    private static ApiProblem notAllowed(ApiRequest request, String allowed) {
        return new MethodNotAllowed(request.method(), allowed);
    }

    private ApiResponse error(ApiProblem p) {
        return ApiResponse.problem(mapper, p);
    }

    private ApiResponse json(int status, Object body, Map<String, String> extraHeaders) {
        return ApiResponse.json(mapper, status, body, extraHeaders);
    }

    static final class MethodNotAllowed extends ApiProblem {
        private static final long serialVersionUID = 1L;
        final String allowed;

        MethodNotAllowed(String method, String allowed) {
            super(405, "method_not_allowed", method + " is not allowed here; allowed: " + allowed);
            this.allowed = allowed;
        }
    }
}
