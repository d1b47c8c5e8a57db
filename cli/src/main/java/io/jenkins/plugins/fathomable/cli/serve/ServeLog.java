package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.validation.Printable;
import java.io.PrintStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Progress and events of {@code serve}, one line each. Lines never hold a token. Lines often quote input (request
 * paths, branch names, error messages from GitHub), so {@link #to} escapes control characters and caps each line:
 * no caller can forge a line or flood the log.
 */
@FunctionalInterface
public interface ServeLog {

    /** Longest line written, in characters; longer ones are cut with a note of how much was left out. */
    int MAX_LINE = 2000;

    void info(String line);

    /** Timestamped lines on {@code out} (standard error by default, so standard output stays for the token). */
    static ServeLog to(PrintStream out, Clock clock) {
        return line -> out.println(clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + Printable.line(line, MAX_LINE));
    }
}
