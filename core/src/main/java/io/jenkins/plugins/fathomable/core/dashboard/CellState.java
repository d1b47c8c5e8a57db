package io.jenkins.plugins.fathomable.core.dashboard;

import java.util.Locale;

/** What an environment of a tracker is doing, as one badge. */
public enum CellState {
    /** A release is deployed and ready; nothing else is going on. */
    DEPLOYED,
    /** A deployment (or a rollback) is running. */
    DEPLOYING,
    /** A release waits to enter: for a window, soak time, an approval or the previous environment. */
    WAITING,
    /** The last deployment of a release here failed; the environment keeps what it had. */
    FAILED,
    /** A release would enter but the tracker or the environment is on hold. */
    HELD,
    /** Nothing was ever deployed here and nothing is on its way. */
    NONE;

    /** The lower-case name, for CSS classes and query parameters. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
