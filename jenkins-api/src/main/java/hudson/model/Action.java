package hudson.model;

/** Something attached to a model object (a run's causes, its parameters...) or added to a page's URL space. */
public interface Action extends ModelObject {

    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
