package io.jenkins.plugins.fathomable.core.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.testing.RecordingSleeper;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The governor's rules on a fake clock: budgets per minute, slots in flight, pauses from GitHub's headers. */
class GitHubGovernorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private GitHubGovernor governor(int rest, int graphql, int inFlight) {
        return new GitHubGovernor(new GitHubLimits(rest, graphql, inFlight), clock, sleeper);
    }

    private static java.util.function.Function<String, String> headers(Map<String, String> headers) {
        return name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void noSixtySecondsEverHoldMorePointsThanTheBudgetAndEachApiHasItsOwn() throws Exception {
        GitHubGovernor governor = governor(3, 1, 10);
        Instant start = clock.instant();
        for (int i = 0; i < 3; i++) {
            governor.acquire(GitHubGovernor.Api.REST, start).close();
            clock.advance(Duration.ofSeconds(10));
        }
        governor.acquire(GitHubGovernor.Api.GRAPHQL, clock.instant()).close();

        assertThatThrownBy(() -> governor.acquire(GitHubGovernor.Api.REST, clock.instant()))
                .isInstanceOfSatisfying(GitHubGovernor.Refused.class, r -> {
                    assertThat(r.pause().hold()).isEqualTo(GitHubGovernor.Hold.BUDGET);
                    assertThat(r.pause().until()).isEqualTo(start.plusSeconds(61)); // a minute, and a second for clocks
                    assertThat(r.getMessage()).contains("REST budget of 3 points a minute");
                });
        assertThatThrownBy(() -> governor.acquire(GitHubGovernor.Api.GRAPHQL, clock.instant()))
                .isInstanceOf(GitHubGovernor.Refused.class);

        clock.set(start.plusSeconds(61));
        governor.acquire(GitHubGovernor.Api.REST, clock.instant()).close();
        assertThatThrownBy(() -> governor.acquire(GitHubGovernor.Api.REST, clock.instant()))
                .isInstanceOfSatisfying(GitHubGovernor.Refused.class,
                        r -> assertThat(r.pause().until()).isEqualTo(start.plusSeconds(71)));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aPointCountsFromItsAnswerSoASlowRequestNeverLetsTheNextMinuteHoldMore() throws Exception {
        GitHubGovernor governor = governor(2, 10, 10);
        Instant start = clock.instant();
        GitHubGovernor.Permit slow = governor.acquire(GitHubGovernor.Api.REST, start);
        governor.acquire(GitHubGovernor.Api.REST, start).close();
        assertThatThrownBy(() -> governor.acquire(GitHubGovernor.Api.REST, start))
                .isInstanceOfSatisfying(GitHubGovernor.Refused.class,
                        r -> assertThat(r.pause().until()).isEqualTo(start.plusSeconds(61)));

        clock.advance(Duration.ofSeconds(30));
        slow.close(); // answered only now: GitHub may have counted it as late as this

        clock.set(start.plusSeconds(61));
        governor.acquire(GitHubGovernor.Api.REST, clock.instant()).close();
        assertThatThrownBy(() -> governor.acquire(GitHubGovernor.Api.REST, clock.instant()))
                .isInstanceOfSatisfying(GitHubGovernor.Refused.class,
                        r -> assertThat(r.pause().until()).isEqualTo(start.plusSeconds(91)));
    }

    @Test
    void waitsForPointsThatFreeBeforeTheDeadline() throws Exception {
        GitHubGovernor governor = governor(1, 10, 10);
        Instant start = clock.instant();
        governor.acquire(GitHubGovernor.Api.REST, start).close();

        governor.acquire(GitHubGovernor.Api.REST, start.plusSeconds(90)).close();

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(61));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(61));
    }

    @Test
    void aSlotIsTakenUntilThePermitCloses() throws Exception {
        GitHubGovernor governor = governor(100, 100, 2);
        GitHubGovernor.Permit first = governor.acquire(GitHubGovernor.Api.REST, clock.instant());
        GitHubGovernor.Permit second = governor.acquire(GitHubGovernor.Api.GRAPHQL, clock.instant());
        assertThat(governor.idle()).isFalse();

        first.close();
        first.close(); // closing twice frees one slot only
        governor.acquire(GitHubGovernor.Api.REST, clock.instant()).close();
        second.close();

        clock.advance(Duration.ofMinutes(2));
        assertThat(governor.idle()).isTrue();
    }

    @Test
    void retryAfterPausesEverythingUntilThenAndReadsBothForms() throws Exception {
        GitHubGovernor governor = governor(100, 100, 10);
        boolean limited = governor.observe(429, headers(Map.of("Retry-After", "30")), "slow down");

        assertThat(limited).isTrue();
        assertThat(governor.pause()).isEqualTo(new GitHubGovernor.Pause(GitHubGovernor.Hold.RATE_LIMITED,
                clock.instant().plusSeconds(30), "GitHub answered HTTP 429 with Retry-After: 30 (slow down)"));
        assertThatThrownBy(() -> governor.acquire(GitHubGovernor.Api.GRAPHQL, clock.instant().plusSeconds(3600)))
                .isInstanceOfSatisfying(GitHubGovernor.Refused.class,
                        r -> assertThat(r.pause().hold()).isEqualTo(GitHubGovernor.Hold.RATE_LIMITED));

        clock.advance(Duration.ofSeconds(30));
        assertThat(governor.pause()).isNull();
        governor.observe(403, headers(Map.of("Retry-After", "Sun, 01 Mar 2026 10:05:00 GMT")), null);
        assertThat(governor.pause().until()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
    }

    @Test
    void nothingRemainingPausesUntilTheResetEvenOnASuccess() {
        GitHubGovernor governor = governor(100, 100, 10);
        Instant reset = clock.instant().plus(Duration.ofMinutes(40));

        boolean limited = governor.observe(200, headers(Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
                String.valueOf(reset.getEpochSecond()))), null);

        assertThat(limited).isFalse();
        assertThat(governor.pause().until()).isEqualTo(reset);
        assertThat(governor.pause().reason()).isEqualTo("rate limit used up (x-ratelimit-remaining: 0)");
    }

    @Test
    void aForbiddenAnswerWithoutRateLimitSignsIsNoPauseButASecondaryLimitWithoutHeadersWaitsAMinute() {
        GitHubGovernor governor = governor(100, 100, 10);

        assertThat(governor.observe(403, headers(Map.of("X-RateLimit-Remaining", "4000")),
                "Resource protected by organization SAML enforcement.")).isFalse();
        assertThat(governor.pause()).isNull();

        assertThat(governor.observe(403, headers(Map.of()), "You have exceeded a secondary rate limit.")).isTrue();
        assertThat(governor.pause().until()).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void anUnreachableHostBacksOffDoublingUntilAnAnswerArrives() {
        GitHubGovernor governor = governor(100, 100, 10);
        Instant start = clock.instant();

        assertThat(governor.unreachable("connection refused")).isEqualTo(start.plusSeconds(5));
        assertThat(governor.pause()).isEqualTo(new GitHubGovernor.Pause(GitHubGovernor.Hold.UNREACHABLE,
                start.plusSeconds(5), "connection refused; backing off until " + start.plusSeconds(5) + " (1 failure)"));
        // more requests of the same outage do not count it again
        assertThat(governor.unreachable("connection refused")).isEqualTo(start.plusSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(governor.unreachable("connection refused")).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(governor.pause().reason()).endsWith("(2 failures in a row)");
        for (int i = 0; i < 12; i++) {
            clock.set(governor.pause().until());
            governor.unreachable("connection refused");
        }
        assertThat(governor.pause().until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        governor.observe(200, headers(Map.of()), null);
        assertThat(governor.unreachable("connection refused")).isEqualTo(clock.instant().plusSeconds(5));
    }

    @Test
    void limitsAreCheckedWithTheFieldNamed() {
        assertThatThrownBy(() -> new GitHubLimits(0, 2000, 101)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(err -> err.field()).containsExactly("restPointsPerMinute", "maxInFlight"));
        assertThat(GitHubLimits.of(null, null, null)).isEqualTo(new GitHubLimits(900, 2000, 10));
        assertThat(GitHubLimits.of(60, null, 2)).isEqualTo(new GitHubLimits(60, 2000, 2));
    }
}
