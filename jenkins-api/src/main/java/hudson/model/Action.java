package hudson.model;

/** Something attached to a model object (a run's causes, its parameters...). */
public interface Action {

    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
