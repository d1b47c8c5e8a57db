package io.jenkins.plugins.fathomable.core.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a POST/PUT body into a {@link TrackerInput}, or an {@link ApiProblem} naming the field. Error messages
 * never quote values from the body: a malformed body may hold a token.
 */
final class TrackerBodyParser {

    private final ObjectMapper mapper;

    TrackerBodyParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param body   the request body (already checked for size and media type)
     * @param pathId the tracker id from the path for PUT, {@code null} for POST
     */
    TrackerInput parse(byte[] body, TrackerId pathId) {
        TrackerBody b = read(body);
        List<FieldError> errors = new ArrayList<>();
        String id = b.id();
        if (pathId != null) {
            if (id == null) {
                id = pathId.toString(); // the path already names it
            } else if (!id.equals(pathId.toString())) {
                errors.add(new FieldError("id", "must match the tracker in the path (" + pathId + "); "
                        + "a tracker cannot be renamed, delete it and create the new one"));
            }
        }
        Secret token = b.token();
        boolean hasToken = token != null;
        if (hasToken && token.reveal().isBlank()) {
            errors.add(new FieldError("token", "must not be blank; leave it out for anonymous access"));
        }
        boolean hasCredentialsId = b.credentialsId() != null && !b.credentialsId().isBlank();
        if (hasToken && hasCredentialsId) {
            errors.add(new FieldError("token", "give either token or credentialsId, not both"));
        }
        TrackerId parsedId = parseQuietly(id);
        String credentialsId = b.credentialsId();
        if (hasCredentialsId && credentialsId.trim().startsWith(DefaultTrackerService.SECRET_PREFIX)
                && (parsedId == null || !credentialsId.trim().equals(DefaultTrackerService.secretId(parsedId)))) {
            errors.add(new FieldError("credentialsId", "ids starting with '" + DefaultTrackerService.SECRET_PREFIX
                    + "' are reserved for tokens posted to this API (a tracker may name only its own)"));
        }
        if (hasToken) {
            credentialsId = parsedId == null ? null : DefaultTrackerService.secretId(parsedId);
        }
        Tracker tracker = null;
        try {
            tracker = Tracker.of(id, b.repo(), b.sourcePath(), b.tag(), b.branch(), b.commit(),
                    credentialsId == null ? null : credentialsId.trim());
        } catch (ValidationException e) {
            if (pathId != null && !errors.isEmpty() && errors.get(0).field().equals("id")) {
                e.errors().stream().filter(fe -> !fe.field().equals("id")).forEach(errors::add);
            } else {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new TrackerInput(tracker, hasToken ? token : null);
    }

    private TrackerBody read(byte[] body) {
        if (body.length == 0) {
            throw new ApiProblem(400, "invalid_body", "a JSON object is required: {" + TrackerBody.FIELDS + "}");
        }
        try {
            TrackerBody b = mapper.readValue(body, TrackerBody.class);
            if (b == null) {
                throw new ApiProblem(400, "invalid_body", "a JSON object is required, got null");
            }
            return b;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiProblem(400, "unknown_field", "unknown field '" + e.getPropertyName()
                    + "'; the fields are " + TrackerBody.FIELDS, e.getPropertyName(), List.of());
        } catch (JsonMappingException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw new ApiProblem(400, "invalid_body", "the body must be exactly one JSON object" + where(e.getLocation()));
            }
            throw new ApiProblem(400, "invalid_field", field + ": must be a string" + where(e.getLocation()),
                    field, List.of(new FieldError(field, "must be a string")));
        } catch (JacksonException e) {
            throw new ApiProblem(400, "invalid_json", "the body is not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new ApiProblem(400, "invalid_body", "the body could not be read");
        }
    }

    private static TrackerId parseQuietly(String id) {
        try {
            return TrackerId.parse(id);
        } catch (ValidationException e) {
            return null;
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String where(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
