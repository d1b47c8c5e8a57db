package io.jenkins.plugins.fathomable.core.release;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change of a tracker's releases.
 *
 * @param at          when it happened (the engine's clock)
 * @param actor       who or what did it: a user id, {@code poller} for events, {@code fathomable} for the engine
 * @param action      what happened: {@code created}, {@code deploying}, {@code deployed}, {@code failed},
 *                    {@code superseded}, {@code approved}, {@code rejected}, {@code held}, ...
 * @param release     the release concerned, or {@code null} (holds, pending config)
 * @param environment the environment concerned, or {@code null}
 * @param from        the state before, e.g. {@code QUEUED dev}, or {@code null}
 * @param to          the state after, e.g. {@code DEPLOYING dev}, or {@code null}
 * @param detail      a readable reason or note, or {@code null}
 * @param runUrl      the link to the run that executed it, or {@code null}
 */
public record HistoryEntry(Instant at, String actor, String action, Integer release, String environment,
        String from, String to, String detail, String runUrl) {

    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
    }
}
