package hudson.model;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/** Metadata and form handling for a {@link Describable} type; also the persisted global settings holder. */
public abstract class Descriptor<T extends Describable<T>> {

    /** Infers the described class from the enclosing class, so such a descriptor must be nested in it. */
    protected Descriptor() {
        throw new UnsupportedOperationException();
    }

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException();
    }

    public synchronized void save() {
        throw new UnsupportedOperationException();
    }

    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    /** A form submission error, shown next to {@code formField}. */
    public static final class FormException extends Exception {

        public FormException(String message, String formField) {
            throw new UnsupportedOperationException();
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException();
        }

        public String getFormField() {
            throw new UnsupportedOperationException();
        }
    }
}
