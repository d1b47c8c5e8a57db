package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jakarta.servlet.ServletContext;
import java.io.File;

/** The controller's root object. */
public class Jenkins extends AbstractCIBase implements AccessControlled {

    /** Not a compile-time constant, so callers read the real field at run time. */
    public static final Permission ADMINISTER = null;

    protected Jenkins(File root, ServletContext context) {
        throw new UnsupportedOperationException();
    }

    /** The running instance; throws {@link IllegalStateException} when Jenkins is not (or no longer) running. */
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }
}
