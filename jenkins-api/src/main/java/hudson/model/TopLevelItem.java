package hudson.model;

/** An {@link Item} that can sit directly in Jenkins or a folder (only its type is declared here). */
public interface TopLevelItem extends Item {
}
