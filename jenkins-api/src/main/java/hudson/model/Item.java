package hudson.model;

/** A job, folder or other configurable item (only its type is declared here). */
public interface Item {
}
