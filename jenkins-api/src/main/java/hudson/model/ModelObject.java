package hudson.model;

/** An object with a name shown to people. */
public interface ModelObject {

    String getDisplayName();
}
