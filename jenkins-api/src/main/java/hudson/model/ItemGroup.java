package hudson.model;

/** A container of items (Jenkins itself, a folder); only its type is declared here. */
public interface ItemGroup<T extends Item> {
}
