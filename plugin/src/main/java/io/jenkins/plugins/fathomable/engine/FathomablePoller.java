package io.jenkins.plugins.fathomable.engine;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.init.InitMilestone;
import hudson.model.TaskListener;
import io.jenkins.plugins.fathomable.config.FathomableConfiguration;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;

/**
 * Runs the engine's poll pass on the configured interval, on its own thread (never a request or timer thread), and
 * otherwise lets the release engine notice soak times and windows each minute. A pass polls the trackers that are
 * due: those whose webhooks flow only at the (longer) webhook poll interval. Its log is the one Jenkins keeps for
 * periodic work ({@code $JENKINS_HOME/logs/tasks/Fathomable poll.log}). The system property
 * {@value PollSchedule#INTERVAL_PROPERTY} makes it poll every that many seconds instead ({@link PollSchedule}).
 */
@Extension
public final class FathomablePoller extends AsyncPeriodicWork {

    private static final Logger LOG = Logger.getLogger(FathomablePoller.class.getName());

    private final Clock clock = Clock.systemUTC();
    private final Optional<Duration> override = readOverride();
    private volatile Instant lastPass;

    public FathomablePoller() {
        super("Fathomable poll");
    }

    /** A minute (or the override): Jenkins asks only once; whether a pass is due is decided at each tick. */
    @Override
    public long getRecurrencePeriod() {
        return override.orElse(PollSchedule.TICK).toMillis();
    }

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        if (Jenkins.get().getInitLevel() != InitMilestone.COMPLETED) {
            // the build queue is not loaded yet: what a restart left in progress cannot be told apart from what is lost
            listener.getLogger().println("Jenkins is not fully up yet; polling at the next tick");
            return;
        }
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
        Duration interval = override.orElseGet(config::pollInterval);
        if (PollSchedule.due(lastPass, now, interval)) {
            lastPass = now;
            engine.pollPass(listener.getLogger(), config.safetyNet(interval), interval);
        } else {
            engine.reconcile();
        }
    }

    private static Optional<Duration> readOverride() {
        try {
            Optional<Duration> override = PollSchedule.override(SystemProperties.getString(PollSchedule.INTERVAL_PROPERTY));
            override.ifPresent(d -> LOG.info(() -> "Fathomable polls every " + d.toSeconds() + " s (-D"
                    + PollSchedule.INTERVAL_PROPERTY + "), whatever the poll interval setting says"));
            return override;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, e.getMessage());
            return Optional.empty();
        }
    }
}
