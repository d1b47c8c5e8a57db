package io.jenkins.plugins.fathomable.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.core.webhook.SafetyNet;
import io.jenkins.plugins.fathomable.runs.PipelineTemplate;
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
 * the trackers and how often they are polled, the GitHub API endpoint and request budget, container registries (credentials, limits,
 * which hosts may be contacted at all), the environments releases pass through and the Pipeline template release
 * jobs are made from. Every setter validates the new value completely before keeping and
 * saving it, so bad input changes nothing.
 */
@Extension
@Symbol("fathomable")
public class FathomableConfiguration extends GlobalConfiguration {

    // An ArrayList rather than List.copyOf: XStream persists it without needing access to JDK internals.
    private List<TrackerConfig> trackers = new ArrayList<>();
    private int pollIntervalMinutes = PollInterval.DEFAULT_MINUTES;
    /** {@code 0}: 12 poll intervals. */
    private int webhookPollIntervalMinutes = WebhookPollInterval.DEFAULT;
    /** Secret text registries send as a bearer token; {@code null}: no registry webhook. */
    private String registryWebhookCredentialsId;
    private String githubApiUrl;
    /** {@code null}: GitHub's default ({@link GitHubLimits#DEFAULT}), likewise the other two. */
    private Integer githubRestPointsPerMinute;
    private Integer githubGraphqlPointsPerMinute;
    private Integer githubMaxInFlight;
    private List<RegistryEntry> registries = new ArrayList<>();
    private String allowedRegistryHosts;
    private List<EnvironmentEntry> environments = new ArrayList<>();
    /** {@code null}: {@link PipelineTemplate#DEFAULT}, so a plugin update brings a better default to everyone who kept it. */
    private String releasePipelineTemplate;

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

    public int getWebhookPollIntervalMinutes() {
        return webhookPollIntervalMinutes;
    }

    @DataBoundSetter
    public void setWebhookPollIntervalMinutes(int webhookPollIntervalMinutes) {
        this.webhookPollIntervalMinutes = WebhookPollInterval.require(webhookPollIntervalMinutes);
        save();
    }

    public String getRegistryWebhookCredentialsId() {
        return registryWebhookCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryWebhookCredentialsId(String registryWebhookCredentialsId) {
        this.registryWebhookCredentialsId = registryWebhookCredentialsId == null
                || registryWebhookCredentialsId.isBlank() ? null : registryWebhookCredentialsId.trim();
        save();
    }

    /** How each tracker is polled: at the poll interval, or at the webhook interval while its webhooks flow. */
    public SafetyNet safetyNet() {
        return safetyNet(pollInterval());
    }

    /** As {@link #safetyNet()}, for passes every {@code pollInterval} (the poller's system property overrides it). */
    public SafetyNet safetyNet(Duration pollInterval) {
        return new SafetyNet(pollInterval, webhookPollIntervalMinutes == 0 ? null
                : Duration.ofMinutes(webhookPollIntervalMinutes));
    }

    /** Blank for github.com; GitHub Enterprise: {@code https://HOST/api/v3}. */
    public String getGithubApiUrl() {
        return githubApiUrl;
    }

    @DataBoundSetter
    public void setGithubApiUrl(String githubApiUrl) {
        Settings.githubApiUrl(githubApiUrl);
        this.githubApiUrl = githubApiUrl == null || githubApiUrl.isBlank() ? null : githubApiUrl.trim();
        save();
    }

    /** REST requests per minute per GitHub credential (GitHub's secondary limit: 900). */
    public int getGithubRestPointsPerMinute() {
        return githubLimits().restPointsPerMinute();
    }

    @DataBoundSetter
    public void setGithubRestPointsPerMinute(int value) {
        GitHubBudget.check(GitHubBudget.REST, value);
        this.githubRestPointsPerMinute = value == GitHubLimits.DEFAULT_REST_POINTS_PER_MINUTE ? null : value;
        save();
    }

    /** GraphQL queries per minute per GitHub credential (GitHub's secondary limit: 2,000 points). */
    public int getGithubGraphqlPointsPerMinute() {
        return githubLimits().graphqlPointsPerMinute();
    }

    @DataBoundSetter
    public void setGithubGraphqlPointsPerMinute(int value) {
        GitHubBudget.check(GitHubBudget.GRAPHQL, value);
        this.githubGraphqlPointsPerMinute = value == GitHubLimits.DEFAULT_GRAPHQL_POINTS_PER_MINUTE ? null : value;
        save();
    }

    /** GitHub requests in flight at once per credential. */
    public int getGithubMaxInFlight() {
        return githubLimits().maxInFlight();
    }

    @DataBoundSetter
    public void setGithubMaxInFlight(int value) {
        GitHubBudget.check(GitHubBudget.IN_FLIGHT, value);
        this.githubMaxInFlight = value == GitHubLimits.DEFAULT_MAX_IN_FLIGHT ? null : value;
        save();
    }

    private GitHubLimits githubLimits() {
        return GitHubLimits.of(githubRestPointsPerMinute, githubGraphqlPointsPerMinute, githubMaxInFlight);
    }

    public List<RegistryEntry> getRegistries() {
        return Collections.unmodifiableList(registries);
    }

    @DataBoundSetter
    public void setRegistries(List<RegistryEntry> registries) {
        List<RegistryEntry> next = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        Settings.registries(next);
        this.registries = next;
        save();
    }

    public String getAllowedRegistryHosts() {
        return allowedRegistryHosts;
    }

    @DataBoundSetter
    public void setAllowedRegistryHosts(String allowedRegistryHosts) {
        Settings.allowedHosts(allowedRegistryHosts);
        this.allowedRegistryHosts = allowedRegistryHosts == null || allowedRegistryHosts.isBlank() ? null
                : allowedRegistryHosts.trim();
        save();
    }

    public List<EnvironmentEntry> getEnvironments() {
        return Collections.unmodifiableList(environments);
    }

    @DataBoundSetter
    public void setEnvironments(List<EnvironmentEntry> environments) {
        List<EnvironmentEntry> next = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        Settings.flow(next);
        this.environments = next;
        save();
    }

    /** The Pipeline script release jobs are made from; {@link PipelineTemplate#DEFAULT} unless an admin changed it. */
    public String getReleasePipelineTemplate() {
        return releasePipelineTemplate == null ? PipelineTemplate.DEFAULT : releasePipelineTemplate;
    }

    /** Blank or the default text: back to following the default. */
    @DataBoundSetter
    public void setReleasePipelineTemplate(String releasePipelineTemplate) {
        this.releasePipelineTemplate = releasePipelineTemplate(releasePipelineTemplate);
        save();
    }

    /** The value to keep: {@code null} for the default; a {@code ValidationException} for a bad template. */
    static String releasePipelineTemplate(String text) {
        if (text == null || text.isBlank() || normalise(text).equals(normalise(PipelineTemplate.DEFAULT))) {
            return null;
        }
        String template = normalise(text);
        PipelineTemplate.requireValid(template);
        return template;
    }

    // browsers post text areas with CRLF line ends
    private static String normalise(String text) {
        return text.replace("\r\n", "\n").strip() + "\n";
    }

    /**
     * Which tracker list is configured: the list itself, which is replaced (never changed in place) whenever trackers
     * are set, so the engine sees by identity whether it has copied these trackers into its store already.
     */
    public Object trackersRevision() {
        return trackers;
    }

    /** The configured trackers as the engine takes them. */
    public List<Tracker> trackers() {
        return TrackerConfigs.toTrackers(trackers);
    }

    public Duration pollInterval() {
        return Duration.ofMinutes(pollIntervalMinutes);
    }

    /** Everything the engine is built from, validated; a new snapshot means a new engine. */
    public EngineSettings engineSettings() {
        return new EngineSettings(Settings.githubApiUrl(githubApiUrl), Settings.registries(registries),
                Settings.allowedHosts(allowedRegistryHosts), Settings.flow(environments), Settings.clusters(environments),
                githubLimits());
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
        int previousWebhookInterval = webhookPollIntervalMinutes;
        String previousRegistryWebhook = registryWebhookCredentialsId;
        String previousApiUrl = githubApiUrl;
        Integer previousRest = githubRestPointsPerMinute;
        Integer previousGraphql = githubGraphqlPointsPerMinute;
        Integer previousInFlight = githubMaxInFlight;
        List<RegistryEntry> previousRegistries = registries;
        String previousAllowed = allowedRegistryHosts;
        List<EnvironmentEntry> previousEnvironments = environments;
        String previousTemplate = releasePipelineTemplate;
        trackers = new ArrayList<>();
        registries = new ArrayList<>();
        environments = new ArrayList<>();
        try {
            req.bindJSON(this, json);
            return true;
        } catch (ValidationException e) {
            trackers = previousTrackers;
            pollIntervalMinutes = previousInterval;
            webhookPollIntervalMinutes = previousWebhookInterval;
            registryWebhookCredentialsId = previousRegistryWebhook;
            githubApiUrl = previousApiUrl;
            githubRestPointsPerMinute = previousRest;
            githubGraphqlPointsPerMinute = previousGraphql;
            githubMaxInFlight = previousInFlight;
            registries = previousRegistries;
            allowedRegistryHosts = previousAllowed;
            environments = previousEnvironments;
            releasePipelineTemplate = previousTemplate;
            save();
            throw new FormException(e.getMessage(), e, e.errors().get(0).field());
        }
    }

    @POST
    public FormValidation doCheckGithubApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(problems(() -> Settings.githubApiUrl(value)));
    }

    @POST
    public FormValidation doCheckGithubRestPointsPerMinute(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(GitHubBudget.problems(GitHubBudget.REST, value));
    }

    @POST
    public FormValidation doCheckGithubGraphqlPointsPerMinute(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(GitHubBudget.problems(GitHubBudget.GRAPHQL, value));
    }

    @POST
    public FormValidation doCheckGithubMaxInFlight(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(GitHubBudget.problems(GitHubBudget.IN_FLIGHT, value));
    }

    @POST
    public FormValidation doCheckAllowedRegistryHosts(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(problems(() -> Settings.allowedHosts(value)));
    }

    private static List<String> problems(Runnable check) {
        try {
            check.run();
            return List.of();
        } catch (ValidationException e) {
            return e.errors().stream().map(err -> err.message()).toList();
        }
    }

    @POST
    public FormValidation doCheckReleasePipelineTemplate(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value == null || value.isBlank() ? FormValidation.ok() : TrackerConfig.DescriptorImpl.toValidation(
                PipelineTemplate.check(normalise(value)).stream().map(FieldError::message).toList());
    }

    @POST
    public FormValidation doCheckWebhookPollIntervalMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(WebhookPollInterval.check(value));
    }

    /** Lists ids to administrators only (see {@link CredentialsFill}); reveals no secret, so GET is fine. */
    public ListBoxModel doFillRegistryWebhookCredentialsIdItems(@QueryParameter String registryWebhookCredentialsId) {
        return CredentialsFill.tokens(registryWebhookCredentialsId);
    }

    @POST
    public FormValidation doCheckPollIntervalMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TrackerConfig.DescriptorImpl.toValidation(PollInterval.check(value));
    }
}
