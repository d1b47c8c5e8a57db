package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.credentials.Secret;

/** The JSON body of POST and PUT, as sent; {@link TrackerBodyParser} validates it. */
record TrackerBody(String id, Secret token, String credentialsId, String repo, String sourcePath, String tag,
        String branch, String commit) {

    static final String FIELDS = "id, token, credentialsId, repo, sourcePath, tag, branch, commit";
}
