package hudson.model;

/** A job, folder or other item in the item tree. */
public interface Item {

    String getName();

    String getFullName();

    /** Relative to the context path, e.g. {@code job/foo/}. */
    String getUrl();
}
