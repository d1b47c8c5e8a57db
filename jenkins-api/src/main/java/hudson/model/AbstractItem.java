package hudson.model;

import java.io.IOException;

/** Base of jobs and folders. */
public abstract class AbstractItem extends Actionable implements Item {

    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException();
    }

    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    /** Sets and saves the description. */
    public void setDescription(String description) throws IOException {
        throw new UnsupportedOperationException();
    }
}
