package io.jenkins.plugins.fathomable.runs;

import hudson.Extension;
import hudson.model.Queue;
import hudson.model.queue.QueueListener;
import io.jenkins.plugins.fathomable.FathomableServices;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A release run cancelled while it waited in the queue never runs, so no run listener would ever report it; this
 * reports it failed, so the release can be retried instead of showing DEPLOYING forever.
 */
@Extension
public class ReleaseQueueListener extends QueueListener {

    private static final Logger LOG = Logger.getLogger(ReleaseQueueListener.class.getName());

    @Override
    public void onLeft(Queue.LeftItem li) {
        if (!li.isCancelled()) {
            return;
        }
        RunOutcomes.cancelledInQueue(li.getCauses()).forEach((deployment, outcome) -> {
            try {
                FathomableServices.get().engine().completed(deployment, outcome);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot report the cancelled release run of deployment " + deployment, e);
            }
        });
    }
}
