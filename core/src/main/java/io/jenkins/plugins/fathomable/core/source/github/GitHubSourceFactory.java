package io.jenkins.plugins.fathomable.core.source.github;

import java.io.IOException;

/**
 * Gives the {@link GitHubSource} for a credentials id ({@code null}: anonymous). Implementations should return the
 * same source for the same id, so its response cache and rate-limit pause carry over from cycle to cycle.
 */
@FunctionalInterface
public interface GitHubSourceFactory {

    /**
     * @throws io.jenkins.plugins.fathomable.core.validation.ValidationException when the credentials id is unknown
     * @throws IOException when the GitHub client cannot be built
     */
    GitHubSource forCredentials(String credentialsId) throws IOException;
}
