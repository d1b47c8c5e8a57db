package hudson.model;

/** An item that may sit directly under Jenkins. */
public interface TopLevelItem extends Item {
}
