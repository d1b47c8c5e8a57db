package org.jenkinsci.plugins.github_branch_source;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.io.IOException;
import org.kohsuke.github.GitHub;

/**
 * github-branch-source's shared GitHub connections: one per API URL and credentials, with its response cache and
 * GitHub App token handling. Every {@link #connect} must be paired with a {@link #release}.
 */
public class Connector {

    private Connector() {
        throw new UnsupportedOperationException();
    }

    /** Supports anonymous ({@code null}), username/password (tokens) and GitHub App credentials. */
    public static GitHub connect(String apiUri, StandardCredentials credentials) throws IOException {
        throw new UnsupportedOperationException();
    }

    public static void release(GitHub hub) {
        throw new UnsupportedOperationException();
    }
}
