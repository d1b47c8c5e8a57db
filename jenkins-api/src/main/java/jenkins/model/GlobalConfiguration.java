package jenkins.model;

import hudson.model.Describable;
import hudson.model.Descriptor;

/** A section of Manage Jenkins » System: the descriptor is its own describable and persists itself. */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements Describable<GlobalConfiguration> {

    protected GlobalConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
