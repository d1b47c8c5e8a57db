package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Keeps one credential's requests to one GitHub API host within {@link GitHubLimits}: REST and GraphQL points in any
 * 60 seconds, requests in flight, and the pauses GitHub asks for. A {@code 403}/{@code 429} with {@code Retry-After},
 * or {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset}, stops every request with this credential until
 * then; while GitHub cannot be reached at all, requests back off (5 s, doubling up to 5 minutes) instead of failing
 * one after another. Nothing is sent that would break a limit: the caller is {@link Refused} instead, and
 * decides whether the work waits for the next cycle.
 */
public final class GitHubGovernor {

    public enum Api { REST, GRAPHQL }

    /** Why nothing was sent: a pause GitHub asked for, an unreachable host, or no points left before the deadline. */
    public enum Hold { RATE_LIMITED, UNREACHABLE, BUDGET }

    /** A state in which requests are held, with a reason readable on a tracker's status. */
    public record Pause(Hold hold, Instant until, String reason) {}

    /**
     * How long a point counts after its answer: GitHub's minute, and a second more for the difference between our
     * clock and GitHub's (a point freed exactly 60 s after its answer was measured, at 10,000 trackers, to let a 901st
     * request into one of the receiving end's minutes).
     */
    private static final Duration WINDOW = Duration.ofSeconds(61);
    private static final Duration UNANNOUNCED_PAUSE = Duration.ofMinutes(1);
    /** As {@link GitHubSource}'s back-off: the first wait after GitHub could not be reached, doubled per failure. */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final GitHubLimits limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Semaphore inFlight;
    private final Window rest;
    private final Window graphql;
    private Pause pause;
    private int unreachable;

    public GitHubGovernor(GitHubLimits limits, Clock clock, Sleeper sleeper) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.inFlight = new Semaphore(limits.maxInFlight(), true);
        this.rest = new Window(limits.restPointsPerMinute());
        this.graphql = new Window(limits.graphqlPointsPerMinute());
    }

    public GitHubLimits limits() {
        return limits;
    }

    /**
     * Takes a slot and one point of {@code api}, waiting for a slot, and for points while they free up before
     * {@code deadline}. Close the permit once the answer is in.
     *
     * @throws Refused when paused, or when no point frees up before the deadline
     */
    public Permit acquire(Api api, Instant deadline) throws Refused, InterruptedIOException {
        Window window = api == Api.REST ? rest : graphql;
        while (true) {
            Pause held = pause();
            if (held != null) {
                throw new Refused(held);
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to send a GitHub request");
            }
            Instant now = clock.instant();
            Instant free;
            synchronized (this) {
                free = window.take(now);
            }
            if (free == null) {
                return new Permit(window);
            }
            inFlight.release();
            if (free.isAfter(deadline)) {
                throw new Refused(new Pause(Hold.BUDGET, free, "the " + (api == Api.REST ? "REST" : "GraphQL")
                        + " budget of " + window.capacity + " points a minute for these credentials is used up until "
                        + free));
            }
            try {
                sleeper.sleep(Duration.between(now, free));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for GitHub request budget");
            }
        }
    }

    /** Whether this governor holds nothing worth keeping: no pause, no point spent in the last minute, none in flight. */
    public synchronized boolean idle() {
        Instant now = clock.instant();
        return pause() == null && unreachable == 0 && rest.idle(now) && graphql.idle(now)
                && inFlight.availablePermits() == limits.maxInFlight();
    }

    /** The pause in force now, or {@code null}. */
    public synchronized Pause pause() {
        if (pause != null && !clock.instant().isBefore(pause.until())) {
            pause = null;
        }
        return pause;
    }

    /**
     * Reads an answer's rate-limit headers: pauses on a rate-limited answer ({@code 429}, or {@code 403} with
     * {@code Retry-After}, {@code x-ratelimit-remaining: 0} or a message about rate limits), and when the remaining
     * budget reaches 0.
     *
     * @param header  the answer's header by name (case-insensitive), {@code null} when absent
     * @param message GitHub's error message, or {@code null}
     * @return whether the answer itself was a refusal for rate limiting
     */
    public boolean observe(int code, Function<String, String> header, String message) {
        synchronized (this) {
            unreachable = 0;
        }
        Instant now = clock.instant();
        boolean exhausted = "0".equals(trim(header.apply("x-ratelimit-remaining")));
        Instant reset = epochSeconds(header.apply("x-ratelimit-reset"));
        boolean limited = code == 429 || (code == 403 && (header.apply("Retry-After") != null || exhausted
                || (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("rate limit"))));
        if (limited) {
            refused(code, header, message);
        } else if (exhausted && reset != null && reset.isAfter(now)) {
            pauseUntil(reset, Hold.RATE_LIMITED, "rate limit used up (x-ratelimit-remaining: 0)");
        }
        return limited;
    }

    /**
     * GitHub refused a request for rate limiting (an HTTP status, or a GraphQL error of type {@code RATE_LIMITED}):
     * pauses until its {@code Retry-After}, else its {@code x-ratelimit-reset} when nothing remains, else a minute.
     */
    public void refused(int code, Function<String, String> header, String message) {
        Instant now = clock.instant();
        String retryAfter = header.apply("Retry-After");
        boolean exhausted = "0".equals(trim(header.apply("x-ratelimit-remaining")));
        Instant reset = epochSeconds(header.apply("x-ratelimit-reset"));
        Instant until = retryAfter(retryAfter, now);
        String why;
        if (until != null) {
            why = "GitHub answered HTTP " + code + " with Retry-After: " + retryAfter.trim();
        } else if (exhausted && reset != null) {
            until = reset;
            why = "GitHub answered HTTP " + code + ": rate limit used up (x-ratelimit-remaining: 0)";
        } else {
            until = now.plus(UNANNOUNCED_PAUSE);
            why = "GitHub answered HTTP " + code + " (rate limit) without saying how long to wait; waiting a minute";
        }
        pauseUntil(until, Hold.RATE_LIMITED, why + (message == null || message.isBlank() ? "" : " (" + message + ")"));
    }

    /**
     * GitHub could not be reached: hold requests 5 s, 10 s, 20 s … up to 5 minutes, until an answer arrives. Trackers
     * refused meanwhile show {@code reason}, the retry time and the failures so far.
     *
     * @return until when requests are held
     */
    public Instant unreachable(String reason) {
        Instant now = clock.instant();
        synchronized (this) {
            if (pause != null && pause.hold() == Hold.UNREACHABLE && now.isBefore(pause.until())) {
                return pause.until(); // another request of this outage already counted it
            }
            unreachable = Math.min(unreachable + 1, 20);
            Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(unreachable - 1, 16));
            Instant until = now.plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
            pause = new Pause(Hold.UNREACHABLE, until, reason + "; backing off until " + until + " (" + unreachable
                    + (unreachable == 1 ? " failure" : " failures in a row") + ")");
            return until;
        }
    }

    private synchronized void pauseUntil(Instant until, Hold hold, String reason) {
        if (pause == null || until.isAfter(pause.until()) || pause.hold() != hold) {
            pause = new Pause(hold, until, reason);
        }
    }

    private static Instant retryAfter(String value, Instant now) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        try {
            return now.plusSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Instant epochSeconds(String value) {
        try {
            return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /**
     * A slot in flight and its point. Closing it frees the slot and dates the point at the answer: GitHub counts a
     * request when it arrives, which is never later, so the window never holds fewer of GitHub's counted requests than
     * GitHub sees, however long the request took.
     */
    public final class Permit implements AutoCloseable {
        private final Window window;
        private boolean closed;

        private Permit(Window window) {
            this.window = window;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                synchronized (GitHubGovernor.this) {
                    window.answered(clock.instant());
                }
                inFlight.release();
            }
        }
    }

    /** Thrown instead of sending: says why, and until when. An {@code IOException}, so it passes through HTTP clients. */
    public static final class Refused extends java.io.IOException {
        private static final long serialVersionUID = 1L;
        private final transient Pause pause;

        public Refused(Pause pause) {
            super(pause.reason());
            this.pause = pause;
        }

        public Pause pause() {
            return pause;
        }

        /** The refusal anywhere in {@code failure}'s cause chain (clients wrap what an interceptor throws). */
        public static Optional<Refused> in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof Refused r) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The points spent in the last minute: those in flight, and the answer times of the others, oldest first. One more
     * may go while fewer than {@code capacity} are in flight or were answered a minute ago or later, so no 60-second
     * window ever holds more than {@code capacity}. Grows with use, so an idle credential costs a few bytes.
     */
    private static final class Window {
        private final int capacity;
        private long[] answered = new long[4];
        private int head;
        private int size;
        private int inFlight;

        Window(int capacity) {
            this.capacity = capacity;
        }

        /** Spends a point now (in flight until {@link #answered}) and returns {@code null}, or when one frees up. */
        Instant take(Instant now) {
            long horizon = now.toEpochMilli() - WINDOW.toMillis();
            while (size > 0 && answered[head] <= horizon) {
                head = (head + 1) % answered.length;
                size--;
            }
            if (size + inFlight >= capacity) {
                // all in flight: the earliest any can free is a minute after it is answered, at least a minute on
                return size == 0 ? now.plus(WINDOW) : Instant.ofEpochMilli(answered[head] + WINDOW.toMillis());
            }
            inFlight++;
            return null;
        }

        /** A point in flight was answered at {@code now}: it counts until a minute after. */
        void answered(Instant now) {
            inFlight--;
            if (size == answered.length) {
                long[] grown = new long[Math.max(4, Math.min(answered.length * 2, capacity))];
                for (int i = 0; i < size; i++) {
                    grown[i] = answered[(head + i) % answered.length];
                }
                answered = grown;
                head = 0;
            }
            // answers may come back out of order; keeping the ring sorted keeps the oldest at its head
            int at = size;
            long t = now.toEpochMilli();
            while (at > 0 && answered[(head + at - 1) % answered.length] > t) {
                answered[(head + at) % answered.length] = answered[(head + at - 1) % answered.length];
                at--;
            }
            answered[(head + at) % answered.length] = t;
            size++;
        }

        /** Whether nothing is in flight and nothing was answered in the last minute. */
        boolean idle(Instant now) {
            return inFlight == 0 && (size == 0
                    || answered[(head + size - 1) % answered.length] <= now.toEpochMilli() - WINDOW.toMillis());
        }
    }
}
