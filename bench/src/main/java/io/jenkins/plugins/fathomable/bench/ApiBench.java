package io.jenkins.plugins.fathomable.bench;

import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.api.InMemoryTrackerRepository;
import io.jenkins.plugins.fathomable.core.api.SecretStore;
import io.jenkins.plugins.fathomable.core.api.StatusProvider;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.poll.InMemoryObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST handler ({@link TrackerApi}) answering {@code GET /trackers/} over all trackers with their last
 * observations, called in process (no HTTP server, no socket): the cost of the handler and its JSON.
 */
final class ApiBench {

    private final TrackerApi api;
    private final ApiRequest request = new ApiRequest("GET", "/trackers/", Map.of(), null,
            Caller.authenticated("bench", Caller.Permission.READ));

    ApiBench(List<Tracker> trackers, InMemoryObservationStore observations) {
        InMemoryTrackerRepository repository = new InMemoryTrackerRepository();
        for (Tracker tracker : trackers) {
            repository.createIfAbsent(tracker);
        }
        observations.all().forEach(repository::saveObservation);
        SecretStore noSecrets = new SecretStore() {
            @Override
            public void put(String id, Secret secret) {
                throw new UnsupportedOperationException("the benchmark stores no secrets");
            }

            @Override
            public void remove(String id) {}

            @Override
            public Optional<Credential> lookup(String credentialsId) {
                return Optional.empty();
            }
        };
        api = new TrackerApi(new DefaultTrackerService(repository, noSecrets, tracker -> {
            throw new UnsupportedOperationException("GET never ingests");
        }, StatusProvider.none(), Clock.systemUTC()), e -> {
            throw e;
        });
    }

    /** The size of one answer, checking it is a 200. */
    int responseBytes() {
        ApiResponse response = api.handle(request);
        if (response.status() != 200) {
            throw new IllegalStateException("GET /trackers/ answered " + response.status() + ": " + response.bodyText());
        }
        return response.body().length;
    }

    /** Requests per second on one thread over {@code seconds}, after a warm-up of the same length. */
    Rate requestsPerSecond(double seconds) {
        Rate.measure(seconds, this::once);
        return Rate.measure(seconds, this::once);
    }

    private long once() {
        if (api.handle(request).body().length == 0) {
            throw new IllegalStateException("empty answer");
        }
        return 1;
    }
}
