package io.jenkins.plugins.fathomable.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One tracker as the form and Configuration as Code see it: plain strings, bound by Stapler. {@link #toTracker()}
 * turns it into core's validated {@link Tracker}; all rules live there.
 */
public final class TrackerConfig implements Describable<TrackerConfig> {

    private final String id;
    private final String repo;
    private final String sourcePath;
    private String tag;
    private String branch;
    private String commit;
    private String credentialsId;

    @DataBoundConstructor
    public TrackerConfig(String id, String repo, String sourcePath) {
        this.id = trimToNull(id);
        this.repo = trimToNull(repo);
        this.sourcePath = trimToNull(sourcePath);
    }

    public String getId() {
        return id;
    }

    public String getRepo() {
        return repo;
    }

    public String getSourcePath() {
        return sourcePath;
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = trimToNull(tag);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = trimToNull(branch);
    }

    public String getCommit() {
        return commit;
    }

    @DataBoundSetter
    public void setCommit(String commit) {
        this.commit = trimToNull(commit);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trimToNull(credentialsId);
    }

    /** Core's tracker; throws core's {@code ValidationException} naming every bad field. */
    public Tracker toTracker() {
        return Tracker.of(id, repo, sourcePath, tag, branch, commit, credentialsId);
    }

    // Forms send "" for empty fields; keeping null makes Configuration as Code exports omit them.
    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackerConfig t && Objects.equals(id, t.id) && Objects.equals(repo, t.repo)
                && Objects.equals(sourcePath, t.sourcePath) && Objects.equals(tag, t.tag)
                && Objects.equals(branch, t.branch) && Objects.equals(commit, t.commit)
                && Objects.equals(credentialsId, t.credentialsId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, repo, sourcePath, tag, branch, commit, credentialsId);
    }

    @Override
    public String toString() {
        return "TrackerConfig[" + id + " " + repo + ":" + sourcePath + "]";
    }

    /** Form metadata and per-field checks; the checks are POST-only and for administrators, like the page. */
    /**
     * Declared here rather than inherited: {@code Describable.getDescriptor()} has a default only since Jenkins 2.505,
     * newer than the plugin's Jenkins-Version (docs/building.md).
     */
    @Override
    public DescriptorImpl getDescriptor() {
        return Jenkins.get().getDescriptorByType(DescriptorImpl.class);
    }

    @Extension
    @Symbol("tracker")
    public static final class DescriptorImpl extends Descriptor<TrackerConfig> {

        @Override
        public String getDisplayName() {
            return Messages.TrackerConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return toValidation(TrackerFieldChecks.id(value));
        }

        @POST
        public FormValidation doCheckRepo(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return toValidation(TrackerFieldChecks.repo(value));
        }

        @POST
        public FormValidation doCheckSourcePath(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return toValidation(TrackerFieldChecks.sourcePath(value));
        }

        /** Lists ids to administrators only (see {@link CredentialsFill}); reveals no secret, so GET is fine. */
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsFill.tokensOrPasswords(credentialsId);
        }

        static FormValidation toValidation(List<String> problems) {
            return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("; ", problems));
        }
    }
}
