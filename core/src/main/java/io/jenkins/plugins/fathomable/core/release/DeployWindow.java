package io.jenkins.plugins.fathomable.core.release;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A time when releases may enter an environment: it opens at every time the five-field Unix cron expression
 * matches, in {@code timeZone}, and stays open for {@code duration}. {@code 0 9 * * 1-5} for 8 hours is
 * "weekdays 09:00 to 17:00".
 */
public record DeployWindow(String cron, String timeZone, Duration duration) {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /**
     * cron-utils' answers are costly (a page of 10,000 trackers asks the same few windows about the same minute
     * thousands of times): parsed expressions are kept, and each window remembers its last opening for the minute
     * it was last asked about. Windows come from the configuration, so there are few; the caches are cleared if
     * they ever grow past {@link #CACHED}.
     */
    private static final int CACHED = 1000;
    private static final Map<String, ExecutionTime> TIMES = new ConcurrentHashMap<>();
    private static final Map<DeployWindow, LastOpening> LAST_OPENING = new ConcurrentHashMap<>();

    private record LastOpening(long epochMinute, Optional<Instant> opening) {}

    public DeployWindow {
        List<FieldError> errors = new ArrayList<>();
        if (cron == null || cron.isBlank()) {
            errors.add(new FieldError("cron", "is required, a five-field cron expression such as '0 9 * * 1-5'"));
        } else {
            try {
                PARSER.parse(cron.trim()).validate();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cron", "'" + cron + "' is not a valid cron expression: " + e.getMessage()));
            }
        }
        if (timeZone == null || timeZone.isBlank()) {
            errors.add(new FieldError("timeZone", "is required, e.g. UTC or Europe/Berlin"));
        } else {
            try {
                ZoneId.of(timeZone.trim());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "'" + timeZone + "' is not a known time zone"));
            }
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            errors.add(new FieldError("duration", "must be a positive duration, e.g. PT8H"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        cron = cron.trim();
        timeZone = timeZone.trim();
    }

    /** Whether the window is open at {@code at}. */
    public boolean isOpen(Instant at) {
        return lastOpening(at).map(start -> at.isBefore(start.plus(duration))).orElse(false);
    }

    /** {@code at} itself if the window is open then, else when it next opens (empty if it never does). */
    public Optional<Instant> nextOpen(Instant at) {
        if (isOpen(at)) {
            return Optional.of(at);
        }
        return executionTime().nextExecution(at.atZone(ZoneId.of(timeZone))).map(ZonedDateTime::toInstant);
    }

    /**
     * The latest opening at or before {@code at}. The same for every instant of a minute (openings fall on whole
     * minutes, and one in this very minute counts), so it is remembered per minute.
     */
    private Optional<Instant> lastOpening(Instant at) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60);
        LastOpening known = LAST_OPENING.get(this);
        if (known != null && known.epochMinute() == minute) {
            return known.opening();
        }
        Optional<Instant> opening = computeLastOpening(at);
        if (LAST_OPENING.size() > CACHED) {
            LAST_OPENING.clear();
        }
        LAST_OPENING.put(this, new LastOpening(minute, opening));
        return opening;
    }

    private Optional<Instant> computeLastOpening(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.of(timeZone));
        ZonedDateTime minute = local.truncatedTo(ChronoUnit.MINUTES);
        ExecutionTime times = executionTime();
        // lastExecution excludes the instant it is given; a window opening this very minute counts.
        if (times.isMatch(minute)) {
            return Optional.of(minute.toInstant());
        }
        return times.lastExecution(local).map(ZonedDateTime::toInstant);
    }

    private ExecutionTime executionTime() {
        if (TIMES.size() > CACHED) {
            TIMES.clear();
        }
        return TIMES.computeIfAbsent(cron, c -> ExecutionTime.forCron(PARSER.parse(c)));
    }
}
