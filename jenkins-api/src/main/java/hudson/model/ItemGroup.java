package hudson.model;

/** A container of items (Jenkins itself, a folder). */
public interface ItemGroup<T extends Item> {
}
