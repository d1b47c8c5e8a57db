package io.jenkins.plugins.fathomable.engine;

import io.jenkins.plugins.fathomable.core.api.TrackerRepository;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The REST API's view of the store (core's {@code engine.StoreTrackerRepository}), except that trackers defined in
 * the global configuration are read-only here: the configuration page (or JCasC) owns them, and a REST change would
 * be undone at the next pass. Their ids cannot be taken by a REST create either, even before the first pass.
 */
final class GuardedTrackerRepository implements TrackerRepository {

    private final TrackerRepository delegate;
    private final Supplier<Set<TrackerId>> configured;

    GuardedTrackerRepository(TrackerRepository delegate, Supplier<Set<TrackerId>> configured) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    @Override
    public boolean createIfAbsent(Tracker tracker) {
        requireNotConfigured(tracker.id());
        return delegate.createIfAbsent(tracker);
    }

    @Override
    public boolean replace(Tracker tracker) {
        requireNotConfigured(tracker.id());
        return delegate.replace(tracker);
    }

    @Override
    public Optional<Tracker> delete(TrackerId id) {
        requireNotConfigured(id);
        return delegate.delete(id);
    }

    @Override
    public Optional<Tracker> get(TrackerId id) {
        return delegate.get(id);
    }

    @Override
    public List<Tracker> list() {
        return delegate.list();
    }

    @Override
    public WebhookTimes webhooks(TrackerId id) {
        return delegate.webhooks(id);
    }

    @Override
    public Optional<TrackerObservation> observation(TrackerId id) {
        return delegate.observation(id);
    }

    @Override
    public void saveObservation(TrackerId id, TrackerObservation observation) {
        delegate.saveObservation(id, observation);
    }

    private void requireNotConfigured(TrackerId id) {
        if (configured.get().contains(id)) {
            throw new ValidationException("id", "tracker " + id + " is defined in the global configuration "
                    + "(Manage Jenkins » System » Fathomable, or Configuration as Code); change it there");
        }
    }
}
