package hudson.model;

/** Something added to a page's URL space (and, with an icon, to its side panel). */
public interface Action extends ModelObject {

    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
