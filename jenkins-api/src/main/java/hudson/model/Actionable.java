package hudson.model;

/** A model object carrying actions. */
public abstract class Actionable extends AbstractModelObject {

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
