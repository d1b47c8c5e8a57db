package io.jenkins.plugins.fathomable.core.source.registry;

import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;

/**
 * One registry's request budget: at most {@code maxConcurrent} requests in flight, at most
 * {@code requestsPerSecond}, exponential backoff on 429 and 5xx honouring {@code Retry-After}, and a pause
 * (requests fail fast) when a registry asks for a longer wait than one poll should block for.
 */
final class RegistryLimiter {

    /** One HTTP exchange, repeatable for retries. */
    @FunctionalInterface
    interface Exchange<T> {
        HttpResponse<T> send() throws IOException, InterruptedException;
    }

    private final String host;
    private final RegistryConfig.Limits limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Semaphore inFlight;
    private final Duration interval;
    private Instant nextSlot = Instant.MIN;
    private Instant pausedUntil = Instant.MIN;
    private volatile OptionalLong rateLimitRemaining = OptionalLong.empty();

    RegistryLimiter(String host, RegistryConfig.Limits limits, Clock clock, Sleeper sleeper) {
        this.host = host;
        this.limits = limits;
        this.clock = clock;
        this.sleeper = sleeper;
        this.inFlight = new Semaphore(limits.maxConcurrent(), true);
        this.interval = Duration.ofNanos((long) (1_000_000_000L / limits.requestsPerSecond()));
    }

    /** Sends with limits and retries; returns the last answer (possibly still 429/5xx when retries ran out). */
    <T> HttpResponse<T> execute(Exchange<T> exchange) throws RegistryException, IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            checkNotPaused();
            HttpResponse<T> response;
            inFlight.acquire();
            try {
                awaitSlot();
                response = exchange.send();
            } finally {
                inFlight.release();
            }
            noteRateLimit(response);
            int code = response.statusCode();
            if (code != 429 && code < 500) {
                return response;
            }
            Duration wait = retryAfter(response).orElse(backoff(attempt));
            if (wait.compareTo(limits.maxBackoff()) > 0) {
                pause(wait);
                return response;
            }
            if (attempt >= limits.maxRetries()) {
                return response;
            }
            sleeper.sleep(wait);
        }
    }

    /** The last {@code ratelimit-remaining} the registry sent (Docker Hub's pull budget), if any. */
    OptionalLong rateLimitRemaining() {
        return rateLimitRemaining;
    }

    synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    private synchronized void checkNotPaused() throws RegistryException {
        if (clock.instant().isBefore(pausedUntil)) {
            throw new RegistryException(Status.RATE_LIMITED,
                    "registry " + host + " asked to wait; paused until " + pausedUntil);
        }
    }

    private synchronized void pause(Duration wait) {
        pausedUntil = clock.instant().plus(wait);
    }

    /** Reserves the next free slot under the rate cap, then waits for it outside the lock. */
    private void awaitSlot() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant slot = nextSlot.isAfter(now) ? nextSlot : now;
            nextSlot = slot.plus(interval);
            wait = Duration.between(now, slot);
        }
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    private Duration backoff(int attempt) {
        Duration wait = limits.initialBackoff().multipliedBy(1L << Math.min(attempt, 20));
        return wait.compareTo(limits.maxBackoff()) > 0 ? limits.maxBackoff() : wait;
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(clock.instant(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        });
    }

    /** Docker Hub sends {@code ratelimit-remaining: 76;w=21600}; the number before ';' is what is left. */
    private void noteRateLimit(HttpResponse<?> response) {
        response.headers().firstValue("ratelimit-remaining").ifPresent(value -> {
            String number = value.split(";", 2)[0].trim();
            try {
                rateLimitRemaining = OptionalLong.of(Long.parseLong(number));
            } catch (NumberFormatException ignored) {
                // an unexpected format is not worth failing a poll for
            }
        });
    }
}
