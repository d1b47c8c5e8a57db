package io.jenkins.plugins.fathomable;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Fathomable's section of Manage Jenkins » System, and {@code unclassified: fathomable:} in Configuration as Code:
 * the trackers and how often they are polled. Every setter validates the new value completely before keeping and
 * saving it, so bad input changes nothing.
 */
@Extension
@Symbol("fathomable")
public class FathomableConfiguration extends GlobalConfiguration {

    // An ArrayList rather than List.copyOf: XStream persists it without needing access to JDK internals.
    private List<TrackerConfig> trackers = new ArrayList<>();
    private int pollIntervalMinutes = PollInterval.DEFAULT_MINUTES;

    public FathomableConfiguration() {
        load();
    }

    /** The instance Jenkins created; fails if the plugin is not loaded. */
    public static FathomableConfiguration get() {
        return ExtensionList.lookupSingleton(FathomableConfiguration.class);
    }

    public List<TrackerConfig> getTrackers() {
        return Collections.unmodifiableList(trackers);
    }

    @DataBoundSetter
    public void setTrackers(List<TrackerConfig> trackers) {
        List<TrackerConfig> next = trackers == null ? new ArrayList<>() : new ArrayList<>(trackers);
        TrackerConfigs.toTrackers(next);
        this.trackers = next;
        save();
    }

    public int getPollIntervalMinutes() {
        return pollIntervalMinutes;
    }

    @DataBoundSetter
    public void setPollIntervalMinutes(int pollIntervalMinutes) {
        this.pollIntervalMinutes = PollInterval.require(pollIntervalMinutes);
        save();
    }

    /** The configured trackers as the engine takes them. */
    public List<Tracker> trackers() {
        return TrackerConfigs.toTrackers(trackers);
    }

    public Duration pollInterval() {
        return Duration.ofMinutes(pollIntervalMinutes);
    }

    @Override
    public String getDisplayName() {
        return Messages.FathomableConfiguration_DisplayName();
    }

    /**
     * A form without tracker rows sends no {@code trackers} key at all, so the list is cleared before binding; on a
     * rejected value the previous settings are restored (and saved again, as a setter may already have saved).
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<TrackerConfig> previousTrackers = trackers;
        int previousInterval = pollIntervalMinutes;
        trackers = new ArrayList<>();
        try {
            req.bindJSON(this, json);
            return true;
        } catch (ValidationException e) {
            trackers = previousTrackers;
            pollIntervalMinutes = previousInterval;
            save();
            throw new FormException(e.getMessage(), e, e.errors().get(0).field());
        }
    }

    @POST
    public FormValidation doCheckPollIntervalMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(PollInterval.check(value));
    }
}
