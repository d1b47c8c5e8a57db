package io.jenkins.plugins.fathomable.steps;

import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.render.RenderContext;
import io.jenkins.plugins.fathomable.core.render.Renderer;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a stored release for an environment, from what the release recorded (its {@code fathomable.yaml} content
 * and pinned image), so the same release always renders the same objects.
 */
public final class ReleaseRenderer {

    private final FathomableServices services;

    public ReleaseRenderer(FathomableServices services) {
        this.services = services;
    }

    /** @throws ValidationException naming the step parameter (or the spec field) that is wrong */
    public RenderedRelease render(ReleaseCoordinates c) {
        TrackerRecord record = record(c);
        Release release = record.releases().release(c.release()).orElseThrow(() -> new ValidationException("release",
                "tracker " + c.tracker() + " has no release " + c.release() + " (it keeps "
                        + record.releases().releases().stream().map(r -> Integer.toString(r.number()))
                                .collect(Collectors.joining(", ", "[", "]")) + ")"));
        return render(c, release);
    }

    /**
     * What the environment runs now, rendered, if it is another release than {@code c}'s: what a deployment of
     * {@code c} replaces, so objects it no longer renders can be pruned.
     */
    public Optional<RenderedRelease> deployedBefore(ReleaseCoordinates c) {
        TrackerRecord record = record(c);
        Integer deployed = record.releases().environment(c.environment()).deployed();
        if (deployed == null || deployed == c.release()) {
            return Optional.empty();
        }
        return record.releases().release(deployed)
                .map(r -> render(new ReleaseCoordinates(c.tracker(), c.environment(), deployed), r));
    }

    private RenderedRelease render(ReleaseCoordinates c, Release release) {
        EnvironmentConfig env = services.engine().flow().require("environment", c.environment());
        AppSpec spec;
        try {
            spec = SpecParser.parse(release.config().content()).orThrow();
        } catch (ValidationException e) {
            throw new ValidationException(prefixed(e.errors(), "release " + c.release() + " fathomable.yaml "));
        }
        RenderContext ctx = new RenderContext(c.environment(), env.target().namespace(), c.tracker(),
                release.config().commitSha(), release.image());
        return new RenderedRelease(c, env.target(), Renderer.render(spec, ctx));
    }

    private TrackerRecord record(ReleaseCoordinates c) {
        return services.store().get(c.tracker()).orElseThrow(() -> new ValidationException("tracker",
                "no tracker '" + c.tracker() + "' is configured"));
    }

    private static List<FieldError> prefixed(List<FieldError> errors, String prefix) {
        return errors.stream().map(e -> new FieldError(prefix + e.field(), e.message(), e.line(), e.column())).toList();
    }
}
