package io.jenkins.plugins.fathomable.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeployWindowTest {

    /** Weekdays 09:00 to 17:00 in Berlin. */
    private final DeployWindow office = new DeployWindow("0 9 * * 1-5", "Europe/Berlin", Duration.ofHours(8));

    @Test
    void openFromTheCronTimeForItsDurationInItsTimeZone() {
        // Monday 2026-11-23; Berlin is UTC+1 in November
        assertThat(office.isOpen(Instant.parse("2026-11-23T07:59:59Z"))).isFalse();
        assertThat(office.isOpen(Instant.parse("2026-11-23T08:00:00Z"))).isTrue();
        assertThat(office.isOpen(Instant.parse("2026-11-23T08:00:30Z"))).isTrue();
        assertThat(office.isOpen(Instant.parse("2026-11-23T15:59:59Z"))).isTrue();
        assertThat(office.isOpen(Instant.parse("2026-11-23T16:00:00Z"))).isFalse();
        // Saturday
        assertThat(office.isOpen(Instant.parse("2026-11-28T10:00:00Z"))).isFalse();
    }

    @Test
    void followsDaylightSavingTime() {
        // Monday 2026-07-06: Berlin is UTC+2, so the window opens at 07:00 UTC
        assertThat(office.isOpen(Instant.parse("2026-07-06T07:00:00Z"))).isTrue();
        assertThat(office.isOpen(Instant.parse("2026-07-06T06:59:00Z"))).isFalse();
    }

    @Test
    void nextOpenIsNowWhenOpenElseTheNextCronTime() {
        Instant open = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(office.nextOpen(open)).contains(open);
        assertThat(office.nextOpen(Instant.parse("2026-11-27T17:00:00Z")))
                .contains(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void aWindowLongerThanItsPeriodIsAlwaysOpen() {
        DeployWindow hourly = new DeployWindow("0 * * * *", "UTC", Duration.ofMinutes(90));
        assertThat(hourly.isOpen(Instant.parse("2026-11-23T10:59:00Z"))).isTrue();
    }

    @Test
    void badFieldsAreAllNamed() {
        assertThatThrownBy(() -> new DeployWindow("61 9 * * *", "Mars/Olympus", Duration.ZERO))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("cron", "timeZone", "duration"))
                .hasMessageContaining("'61 9 * * *' is not a valid cron expression")
                .hasMessageContaining("'Mars/Olympus' is not a known time zone");
        assertThatThrownBy(() -> new DeployWindow("0 9 * *", "UTC", Duration.ofHours(1)))
                .hasMessageStartingWith("cron: '0 9 * *' is not a valid cron expression");
    }

    @Test
    void anEnvironmentWithoutWindowsIsAlwaysOpenAndOneWithSeveralIsOpenWhenAnyIs() {
        EnvironmentConfig any = EnvironmentConfig.simple("dev", "c", "dev");
        assertThat(any.windowOpen(Instant.parse("2026-11-28T03:00:00Z"))).isTrue();
        EnvironmentConfig two = any.withWindows(java.util.List.of(office,
                new DeployWindow("0 10 * * 6", "UTC", Duration.ofHours(1))));
        assertThat(two.windowOpen(Instant.parse("2026-11-28T10:30:00Z"))).isTrue();
        assertThat(two.windowOpen(Instant.parse("2026-11-28T11:30:00Z"))).isFalse();
        assertThat(two.nextWindow(Instant.parse("2026-11-28T11:30:00Z")))
                .contains(Instant.parse("2026-11-30T08:00:00Z"));
    }
}
