package hudson.model;

/** Declared only so that {@link jenkins.model.Jenkins} has its real superclass chain (and is an {@link ItemGroup}). */
public abstract class AbstractCIBase extends Node implements ItemGroup<TopLevelItem> {
}
