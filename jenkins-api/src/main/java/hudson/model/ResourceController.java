package hudson.model;

/** Declared only so that {@link Queue} has its real superclass. */
public class ResourceController {
}
