package io.jenkins.plugins.fathomable.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.fathomable.core.deploy.ClusterConfig;
import io.jenkins.plugins.fathomable.core.release.DeployWindow;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One environment of the release flow as the form and Configuration as Code see it: where it deploys (namespace;
 * an API server URL with a token credential, or the cluster Jenkins runs in), when releases may enter (an optional
 * cron window), how long a release soaks in the previous environment first, and whether a person must approve.
 * The cluster reference core passes around is the environment's own name.
 */
public final class EnvironmentEntry implements Describable<EnvironmentEntry> {

    private final String name;
    private final String namespace;
    private int order;
    private boolean inCluster;
    private String serverUrl;
    private String credentialsId;
    private String windowCron;
    private String windowTimeZone = "UTC";
    private int windowMinutes;
    private int soakMinutes;
    private boolean approvalRequired;

    @DataBoundConstructor
    public EnvironmentEntry(String name, String namespace) {
        this.name = trimToNull(name);
        this.namespace = trimToNull(namespace);
    }

    public String getName() {
        return name;
    }

    public String getNamespace() {
        return namespace;
    }

    public int getOrder() {
        return order;
    }

    /** Position in the flow; environments are sorted by it (ties keep the listed order). */
    @DataBoundSetter
    public void setOrder(int order) {
        this.order = order;
    }

    public boolean isInCluster() {
        return inCluster;
    }

    @DataBoundSetter
    public void setInCluster(boolean inCluster) {
        this.inCluster = inCluster;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = trimToNull(serverUrl);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trimToNull(credentialsId);
    }

    public String getWindowCron() {
        return windowCron;
    }

    @DataBoundSetter
    public void setWindowCron(String windowCron) {
        this.windowCron = trimToNull(windowCron);
    }

    public String getWindowTimeZone() {
        return windowTimeZone;
    }

    @DataBoundSetter
    public void setWindowTimeZone(String windowTimeZone) {
        this.windowTimeZone = trimToNull(windowTimeZone) == null ? "UTC" : windowTimeZone.trim();
    }

    public int getWindowMinutes() {
        return windowMinutes;
    }

    @DataBoundSetter
    public void setWindowMinutes(int windowMinutes) {
        this.windowMinutes = windowMinutes;
    }

    public int getSoakMinutes() {
        return soakMinutes;
    }

    @DataBoundSetter
    public void setSoakMinutes(int soakMinutes) {
        this.soakMinutes = soakMinutes;
    }

    public boolean isApprovalRequired() {
        return approvalRequired;
    }

    @DataBoundSetter
    public void setApprovalRequired(boolean approvalRequired) {
        this.approvalRequired = approvalRequired;
    }

    /** Core's environment; a {@link ValidationException} names every bad field. */
    EnvironmentConfig toEnvironment() {
        List<FieldError> errors = new ArrayList<>();
        List<DeployWindow> windows = List.of();
        if (windowCron != null) {
            try {
                windows = List.of(new DeployWindow(windowCron, windowTimeZone,
                        windowMinutes > 0 ? Duration.ofMinutes(windowMinutes) : null));
            } catch (ValidationException e) {
                e.errors().forEach(err -> errors.add(new FieldError(switch (err.field()) {
                    case "cron" -> "windowCron";
                    case "timeZone" -> "windowTimeZone";
                    default -> "windowMinutes";
                }, err.message())));
            }
        }
        if (soakMinutes < 0) {
            errors.add(new FieldError("soakMinutes", "must not be negative, got " + soakMinutes));
        }
        KubernetesTarget target = null;
        try {
            target = new KubernetesTarget(name == null ? "-" : name, namespace);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        try {
            toCluster();
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        EnvironmentConfig env = null;
        try {
            env = new EnvironmentConfig(name, windows, Duration.ofMinutes(Math.max(0, soakMinutes)), approvalRequired,
                    target == null ? new KubernetesTarget("-", "default") : target);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return env;
    }

    /** How to reach this environment's cluster. */
    ClusterConfig toCluster() {
        if (inCluster) {
            if (serverUrl != null) {
                throw new ValidationException("serverUrl", "leave empty when deploying to the cluster Jenkins runs in");
            }
            return new ClusterConfig.InCluster();
        }
        try {
            return new ClusterConfig.ServerToken(serverUrl, credentialsId, null, false);
        } catch (ValidationException e) {
            // core names them cluster.serverUrl / cluster.credentialsId; the form's fields are the bare names
            throw new ValidationException(e.errors().stream()
                    .map(err -> new FieldError(err.field().replace("cluster.", ""), err.message())).toList());
        }
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvironmentEntry e && Objects.equals(name, e.name) && Objects.equals(namespace, e.namespace)
                && order == e.order && inCluster == e.inCluster && Objects.equals(serverUrl, e.serverUrl)
                && Objects.equals(credentialsId, e.credentialsId) && Objects.equals(windowCron, e.windowCron)
                && Objects.equals(windowTimeZone, e.windowTimeZone) && windowMinutes == e.windowMinutes
                && soakMinutes == e.soakMinutes && approvalRequired == e.approvalRequired;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, order, serverUrl, credentialsId, windowCron);
    }

    @Override
    public String toString() {
        return "EnvironmentEntry[" + name + " -> " + namespace + "]";
    }

    /**
     * Declared here rather than inherited: {@code Describable.getDescriptor()} has a default only since Jenkins 2.505,
     * newer than the plugin's Jenkins-Version (docs/building.md).
     */
    @Override
    public DescriptorImpl getDescriptor() {
        return Jenkins.get().getDescriptorByType(DescriptorImpl.class);
    }

    @Extension
    @Symbol("environment")
    public static final class DescriptorImpl extends Descriptor<EnvironmentEntry> {

        @Override
        public String getDisplayName() {
            return Messages.EnvironmentEntry_DisplayName();
        }

        @POST
        public FormValidation doCheckWindowCron(@QueryParameter String value, @QueryParameter String windowTimeZone,
                @QueryParameter String windowMinutes) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            EnvironmentEntry probe = new EnvironmentEntry("probe", "probe");
            probe.setWindowCron(value);
            probe.setWindowTimeZone(windowTimeZone);
            probe.setWindowMinutes(parseOrZero(windowMinutes));
            probe.setInCluster(true);
            return TrackerConfig.DescriptorImpl.toValidation(problems(probe, "windowCron", "windowTimeZone", "windowMinutes"));
        }

        @POST
        public FormValidation doCheckServerUrl(@QueryParameter String value, @QueryParameter boolean inCluster) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            EnvironmentEntry probe = new EnvironmentEntry("probe", "probe");
            probe.setInCluster(inCluster);
            probe.setServerUrl(value);
            probe.setCredentialsId("probe");
            return TrackerConfig.DescriptorImpl.toValidation(problems(probe, "serverUrl"));
        }

        /** Lists ids to administrators only (see {@link CredentialsFill}); reveals no secret, so GET is fine. */
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsFill.tokens(credentialsId);
        }

        // the form sends "" for an empty number field
        private static int parseOrZero(String text) {
            try {
                return text == null || text.isBlank() ? 0 : Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        static List<String> problems(EnvironmentEntry entry, String... fields) {
            try {
                entry.toEnvironment();
                return List.of();
            } catch (ValidationException e) {
                List<String> wanted = List.of(fields);
                return e.errors().stream().filter(err -> wanted.contains(err.field())).map(FieldError::message).toList();
            }
        }
    }
}
