package io.jenkins.plugins.fathomable.cli.serve.ui;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of people who presented the admin token on the login page. The cookie holds a random id (256
 * bits) and nothing else; the session lives in memory only (a restart logs everyone out), expires after
 * {@link #IDLE} without use, and carries its own token for the pages' forms, which every POST must send back
 * (the cookie alone, which a browser attaches to any request, is not enough).
 */
final class UiSessions {

    static final String COOKIE = "fathomable_session";
    static final Duration IDLE = Duration.ofHours(8);
    /** Sessions kept at once; the oldest go first. A login per minute for a week fits. */
    static final int MAX = 10_000;

    record Session(String id, String formToken, Instant lastUsed) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    UiSessions(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    Session create() {
        if (sessions.size() >= MAX) {
            expire();
            sessions.values().stream().min(java.util.Comparator.comparing(Session::lastUsed))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session s = new Session(randomId(), randomId(), clock.instant());
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle time reset; empty for an unknown or expired one. */
    Optional<Session> find(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null || s.lastUsed().plus(IDLE).isBefore(now)) {
            if (s != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.formToken(), now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Whether {@code sent} is the session's form token (compared in constant time). */
    static boolean formTokenMatches(Session session, String sent) {
        return sent != null && MessageDigest.isEqual(session.formToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                sent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(IDLE);
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext();) {
            if (it.next().lastUsed().isBefore(cutoff)) {
                it.remove();
            }
        }
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
