package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.api.Ingestor;
import io.jenkins.plugins.fathomable.core.api.SecretStore;
import io.jenkins.plugins.fathomable.core.api.StatusProvider;
import io.jenkins.plugins.fathomable.core.api.TrackerRepository;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import java.time.Clock;

/**
 * The engine pieces {@code serve} runs beside the REST routes: the immediate ingest, the poll pass (detection,
 * then the release flow and its executor) and the per-environment status. {@link LocalEngine} is the real one;
 * tests plug in their own through a {@link Factory}. {@link ServeApp} calls {@link #pollOnce()} on one thread,
 * every poll interval.
 */
public interface Engine extends AutoCloseable {

    /** Reads a tracker's file at once on POST/PUT. */
    Ingestor ingestor();

    /** The {@code releases} object of {@code GET /trackers/{id}}. */
    StatusProvider status();

    /** Where verified webhook deliveries go; {@code null} (tests): no webhook routes. */
    default Webhooks webhooks() {
        return null;
    }

    /** Approve, reject, hold, unhold, roll back, retry: the operation routes; {@code null} (tests): none. */
    default ReleaseOperations operations() {
        return null;
    }

    /** The release flow, for the pages' status of each tracker; {@code null} (tests): no pages. */
    default ReleaseEngine releases() {
        return null;
    }

    /**
     * One pass over every tracker that is due (those whose webhooks flow only at the safety-net interval); must
     * report failures in observations, not throw (a throw is logged).
     */
    void pollOnce();

    /** One line for the start-up log, e.g. which GitHub API and environments are in use. */
    String describe();

    /** Stops anything the engine started; called once, after the last {@link #pollOnce()}. */
    @Override
    default void close() {}

    /**
     * What an engine is built from: the shared stores and settings of this {@code serve}. {@code trackers} is the
     * REST view of {@code store}, which also holds releases and history: one store of truth.
     */
    record Context(ServeSettings settings, TrackerStore store, TrackerRepository trackers, SecretStore credentials,
            Clock clock, ServeLog log) {}

    @FunctionalInterface
    interface Factory {
        Engine create(Context context);
    }
}
