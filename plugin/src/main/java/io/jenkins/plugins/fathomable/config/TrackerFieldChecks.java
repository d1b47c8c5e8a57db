package io.jenkins.plugins.fathomable.config;

import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;

/**
 * The per-field answers behind the tracker form's {@code doCheck*} methods, asked of core so the form says exactly
 * what saving would say. Each returns the problems with that one field (empty when it is fine).
 */
final class TrackerFieldChecks {

    private TrackerFieldChecks() {
    }

    static List<String> id(String value) {
        try {
            TrackerId.parse("id", value);
            return List.of();
        } catch (ValidationException e) {
            return messages(e, "id");
        }
    }

    static List<String> repo(String value) {
        return problemsWith("repo", null, value, null);
    }

    static List<String> sourcePath(String value) {
        return problemsWith("sourcePath", null, null, value);
    }

    // Tracker.of reports every field at once; the other fields are left empty and their errors dropped.
    private static List<String> problemsWith(String field, String id, String repo, String sourcePath) {
        try {
            Tracker.of(id, repo, sourcePath, null, null, null, null);
            return List.of();
        } catch (ValidationException e) {
            return messages(e, field);
        }
    }

    private static List<String> messages(ValidationException e, String field) {
        return e.errors().stream().filter(err -> err.field().equals(field)).map(FieldError::message).toList();
    }
}
