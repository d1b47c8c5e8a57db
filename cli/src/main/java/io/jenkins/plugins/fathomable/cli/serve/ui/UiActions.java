package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.Dashboard;
import io.jenkins.plugins.fathomable.core.release.Refusal;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Map;
import java.util.Set;

/**
 * The operations of the tracker page ({@code POST /ui/trackers/{id}/{operation}}) on core's
 * {@link ReleaseOperations}, the same ones the REST routes and Jenkins use, as the admin. Done: back to the page
 * (303). Refused: the page again, with the reason (409 when the state does not allow it, 400 for a bad field, 404
 * for an unknown tracker or release).
 */
final class UiActions {

    static final String ACTOR = "admin";
    private static final Set<String> OPERATIONS = Set.of("approve", "reject", "retry", "rollback", "hold", "unhold");

    /** {@code /ui/trackers/{id}} or {@code /ui/trackers/{id}/{operation}}. */
    record Target(TrackerId tracker, String operation) {}

    record Result(int status, String location, String html) {}

    private final Dashboard dashboard;
    private final ReleaseOperations operations;

    UiActions(Dashboard dashboard, ReleaseOperations operations) {
        this.dashboard = dashboard;
        this.operations = operations;
    }

    /** What {@code path} names, or {@code null} if it is not a tracker's page or operation. */
    static Target target(String path) {
        String prefix = "/ui/trackers/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        String[] parts = path.substring(prefix.length()).split("/", -1);
        if (parts.length > 2 || parts.length == 2 && !parts[1].isEmpty() && !OPERATIONS.contains(parts[1])) {
            return null;
        }
        try {
            return new Target(TrackerId.parse(parts[0]), parts.length == 2 && !parts[1].isEmpty() ? parts[1] : null);
        } catch (ValidationException e) {
            return null;
        }
    }

    Result run(String path, Map<String, String> form, Viewer viewer) {
        Target target = target(path);
        if (target == null || target.operation() == null || dashboard == null || operations == null) {
            return new Result(404, null, NotFoundHtml.render(viewer));
        }
        TrackerId id = target.tracker();
        String page = "/ui/trackers/" + id;
        String what = describe(target.operation(), form);
        Refusal refusal = Refusal.of(() -> {
            switch (target.operation()) {
                case "approve" -> operations.approve(id, number(form), form.get("environment"), ACTOR);
                case "reject" -> operations.reject(id, number(form), form.get("reason"), ACTOR);
                case "retry" -> operations.retry(id, number(form), ACTOR);
                case "rollback" -> operations.rollback(id, form.get("environment"), ACTOR);
                case "hold" -> operations.hold(id, ACTOR);
                default -> operations.unhold(id, ACTOR);
            }
        });
        if (refusal == null) {
            return new Result(303, page, null);
        }
        String refused = Labels.get("refused", what, refusal.reason());
        return dashboard.tracker(id).map(p -> new Result(refusal.status(), null, TrackerHtml.render(p, viewer, refused)))
                .orElseGet(() -> new Result(404, null, NotFoundHtml.render(viewer)));
    }

    private static int number(Map<String, String> form) {
        String text = form.get("release");
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException("release", "must be a release number, got '"
                    + io.jenkins.plugins.fathomable.core.validation.Printable.line(text, 20) + "'");
        }
    }

    private static String describe(String operation, Map<String, String> form) {
        String release = form.getOrDefault("release", "?");
        String env = form.getOrDefault("environment", "?");
        return switch (operation) {
            case "approve" -> Labels.get("op.approve", release, env);
            case "reject" -> Labels.get("op.reject", release);
            case "retry" -> Labels.get("op.retry", release);
            case "rollback" -> Labels.get("op.rollback", env);
            case "hold" -> Labels.get("op.hold");
            default -> Labels.get("op.unhold");
        };
    }
}
