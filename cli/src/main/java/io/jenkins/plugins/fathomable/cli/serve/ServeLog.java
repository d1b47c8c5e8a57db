package io.jenkins.plugins.fathomable.cli.serve;

import java.io.PrintStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Progress and events of {@code serve}, one line each. Lines never hold a token. */
@FunctionalInterface
public interface ServeLog {

    void info(String line);

    /** Timestamped lines on {@code out} (standard error by default, so standard output stays for the token). */
    static ServeLog to(PrintStream out, Clock clock) {
        return line -> out.println(clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + line);
    }
}
