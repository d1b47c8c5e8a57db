package io.jenkins.plugins.fathomable.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials drop-downs of the global configuration, as the credentials plugin's consumer guide describes them:
 * only administrators see the ids (others get just the current value back), the instance-wide context
 * ({@link Jenkins}) and {@link ACL#SYSTEM2}, so SYSTEM-scoped credentials are offered too, and the value already
 * configured stays selectable even if it no longer resolves.
 */
final class CredentialsFill {

    private CredentialsFill() {
    }

    /** Secret text (a token) or username/password, which includes GitHub App credentials. */
    static ListBoxModel tokensOrPasswords(String currentValue) {
        Jenkins jenkins = Jenkins.get();
        if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(currentValue);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, jenkins, StandardCredentials.class, List.of(),
                        CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StringCredentials.class),
                                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)))
                .includeCurrentValue(currentValue);
    }

    /** Secret text only: a Kubernetes service account token. */
    static ListBoxModel tokens(String currentValue) {
        Jenkins jenkins = Jenkins.get();
        if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(currentValue);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, jenkins, StandardCredentials.class, List.of(),
                        CredentialsMatchers.instanceOf(StringCredentials.class))
                .includeCurrentValue(currentValue);
    }
}
