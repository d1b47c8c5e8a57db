package hudson.model;

/** An item that may sit directly under Jenkins or in a folder. */
public interface TopLevelItem extends Item {
}
