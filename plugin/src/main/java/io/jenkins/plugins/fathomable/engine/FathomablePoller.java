package io.jenkins.plugins.fathomable.engine;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.fathomable.config.FathomableConfiguration;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs the engine's poll pass on the configured interval, on its own thread (never a request or timer thread), and
 * otherwise lets the release engine notice soak times and windows each minute. Its log is the one Jenkins keeps for
 * periodic work ({@code $JENKINS_HOME/logs/tasks/Fathomable poll.log}).
 */
@Extension
public final class FathomablePoller extends AsyncPeriodicWork {

    private final Clock clock = Clock.systemUTC();
    private volatile Instant lastPass;

    public FathomablePoller() {
        super("Fathomable poll");
    }

    /** A minute: Jenkins asks only once; whether a pass is due is decided at each tick ({@link PollSchedule}). */
    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        FathomableConfiguration config = FathomableConfiguration.get();
        PluginEngine engine;
        if (FathomableEngine.get().stopped()) {
            return; // Jenkins is shutting down
        }
        try {
            engine = FathomableEngine.get().engine();
        } catch (ValidationException e) {
            listener.getLogger().println("Fathomable is not polling: the configuration is invalid: " + e.getMessage());
            return;
        }
        Instant now = clock.instant();
        if (PollSchedule.due(lastPass, now, config.pollInterval())) {
            lastPass = now;
            engine.pollPass(listener.getLogger(), config.pollInterval());
        } else {
            engine.reconcile();
        }
    }
}
