package hudson.model;

import hudson.ExtensionPoint;

/** An {@link Action} at the top of Jenkins' URL space, registered with {@code @Extension}. */
public interface RootAction extends Action, ExtensionPoint {
}
