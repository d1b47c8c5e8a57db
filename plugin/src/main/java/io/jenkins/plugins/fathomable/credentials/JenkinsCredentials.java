package io.jenkins.plugins.fathomable.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.security.ACL;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Core's {@link CredentialsPort} over the credentials plugin: each lookup asks the plugin again (so a rotated token
 * is used at once), in the same context the drop-downs list them in (Jenkins, as SYSTEM).
 */
public final class JenkinsCredentials implements CredentialsPort {

    private final CredentialMapper mapper;

    public JenkinsCredentials(CredentialMapper mapper) {
        this.mapper = mapper;
    }

    /** The credentials with this id, as the plugin holds them; empty for a blank or unknown id. */
    public static Optional<StandardCredentials> find(String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return Optional.empty();
        }
        List<StandardCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(StandardCredentials.class,
                Jenkins.get(), ACL.SYSTEM2, List.of());
        return Optional.ofNullable(CredentialsMatchers.firstOrNull(all, CredentialsMatchers.withId(credentialsId)));
    }

    @Override
    public Optional<Credential> lookup(String credentialsId) {
        return find(credentialsId).flatMap(mapper::toCore);
    }
}
