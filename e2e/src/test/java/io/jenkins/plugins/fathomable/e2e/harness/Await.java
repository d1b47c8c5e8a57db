package io.jenkins.plugins.fathomable.e2e.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for what Jenkins does in the background (poll passes, release runs): the condition is checked every
 * 250 ms until it holds; on time-out the failure says what was awaited and the last state seen. Time-outs are
 * generous ceilings, never expectations of speed: a test passes as soon as the condition holds.
 */
public final class Await {

    private static final Duration EVERY = Duration.ofMillis(250);

    private Await() {
    }

    /** Waits until {@code condition} holds; {@code state} describes what was seen, for the failure message. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), state);
    }

    /** Waits until {@code probe} gives a value, and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> state)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + state.get());
            }
            Thread.sleep(EVERY.toMillis());
        }
    }
}
