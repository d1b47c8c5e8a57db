package io.jenkins.plugins.fathomable.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One container registry: its host as written in image references, credentials and request limits. */
public final class RegistryEntry implements Describable<RegistryEntry> {

    static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

    private final String host;
    private String credentialsId;
    private int maxConcurrent = RegistryConfig.Limits.DEFAULT.maxConcurrent();
    private double requestsPerSecond = RegistryConfig.Limits.DEFAULT.requestsPerSecond();

    @DataBoundConstructor
    public RegistryEntry(String host) {
        this.host = host == null || host.isBlank() ? null : host.trim().toLowerCase(Locale.ROOT);
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId.trim();
    }

    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    @DataBoundSetter
    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    @DataBoundSetter
    public void setRequestsPerSecond(double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    /** Core's settings for this registry; a {@link ValidationException} names every bad field. */
    RegistryConfig.Registry toRegistry() {
        List<FieldError> errors = new ArrayList<>(checkHost(host).stream().map(m -> new FieldError("host", m)).toList());
        if (maxConcurrent < 1 || maxConcurrent > 64) {
            errors.add(new FieldError("maxConcurrent", "must be from 1 to 64, got " + maxConcurrent));
        }
        if (!(requestsPerSecond > 0) || requestsPerSecond > 1000) {
            errors.add(new FieldError("requestsPerSecond", "must be above 0 and at most 1000, got " + requestsPerSecond));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        RegistryConfig.Limits d = RegistryConfig.Limits.DEFAULT;
        return new RegistryConfig.Registry(host, credentialsId, false,
                new RegistryConfig.Limits(maxConcurrent, requestsPerSecond, d.maxRetries(), d.initialBackoff(), d.maxBackoff()));
    }

    static List<String> checkHost(String host) {
        if (host == null || host.isBlank()) {
            return List.of("is required, e.g. ghcr.io or registry.example.com:5000");
        }
        return HOST.matcher(host.trim().toLowerCase(Locale.ROOT)).matches() ? List.of()
                : List.of("'" + host + "' is not a registry host (name[:port], no scheme or path)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryEntry r && Objects.equals(host, r.host) && Objects.equals(credentialsId, r.credentialsId)
                && maxConcurrent == r.maxConcurrent && Double.compare(requestsPerSecond, r.requestsPerSecond) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, credentialsId, maxConcurrent, requestsPerSecond);
    }

    @Override
    public String toString() {
        return "RegistryEntry[" + host + "]";
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
    @Symbol("registry")
    public static final class DescriptorImpl extends Descriptor<RegistryEntry> {

        @Override
        public String getDisplayName() {
            return Messages.RegistryEntry_DisplayName();
        }

        @POST
        public FormValidation doCheckHost(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return TrackerConfig.DescriptorImpl.toValidation(checkHost(value));
        }

        /** Lists ids to administrators only (see {@link CredentialsFill}); reveals no secret, so GET is fine. */
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsFill.tokensOrPasswords(credentialsId);
        }
    }
}
