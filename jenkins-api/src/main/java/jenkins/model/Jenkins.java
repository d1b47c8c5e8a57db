package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jakarta.servlet.ServletContext;
import java.io.File;
import org.springframework.security.core.Authentication;

/** The controller's root object. */
public class Jenkins extends AbstractCIBase implements AccessControlled {

    /** Not a compile-time constant, so callers read the real field at run time. */
    public static final Permission ADMINISTER = null;

    /** Overall/Read. Not a compile-time constant either. */
    public static final Permission READ = null;

    /** Overall/SystemRead: read-only access to the configuration (implied by Administer). */
    public static final Permission SYSTEM_READ = null;

    protected Jenkins(File root, ServletContext context) {
        throw new UnsupportedOperationException();
    }

    /** The running instance; throws {@link IllegalStateException} when Jenkins is not (or no longer) running. */
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    /** The {@code JENKINS_HOME} directory. */
    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    /** Who the current thread acts as (the request's user, or SYSTEM). */
    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException();
    }
}
