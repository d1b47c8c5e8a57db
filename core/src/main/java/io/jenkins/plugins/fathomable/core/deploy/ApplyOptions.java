package io.jenkins.plugins.fathomable.core.deploy;

/**
 * How to apply to one environment.
 *
 * @param forceConflicts take over fields another field manager owns (server-side apply {@code force=true}); off by
 *                       default so that a hand edit by someone else shows up as a conflict instead of being erased
 * @param createNamespace create the environment's namespace when it does not exist yet
 */
public record ApplyOptions(boolean forceConflicts, boolean createNamespace) {

    /** The field manager every Fathomable apply uses, so ownership of fields stays stable across releases. */
    public static final String FIELD_MANAGER = "fathomable";

    /** Label carrying the tracker id ({@code group.name}) on every object Fathomable applies; prune requires it. */
    public static final String TRACKER_LABEL = "fathomable.io/tracker";

    public static ApplyOptions defaults() {
        return new ApplyOptions(false, false);
    }
}
