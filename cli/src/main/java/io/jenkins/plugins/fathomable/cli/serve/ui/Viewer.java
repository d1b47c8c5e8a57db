package io.jenkins.plugins.fathomable.cli.serve.ui;

/**
 * Who looks at a page: the admin (signed in with the admin token, or presenting it as a bearer token) sees the
 * operations; anyone else reads only, when {@code --open-reads} lets them read at all.
 *
 * @param admin     may operate
 * @param formToken the session's token for the pages' forms, or {@code null} (bearer requests need none)
 * @param session   signed in through the login page (so there is a session to sign out of)
 */
record Viewer(boolean admin, String formToken, boolean session) {

    static final Viewer READER = new Viewer(false, null, false);
}
