package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.TopLevelItem;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
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

    /** The item at {@code fullName} if it is a {@code type} the current user may see, else {@code null}. */
    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) {
        throw new UnsupportedOperationException();
    }

    /** Creates a top-level item (checks Item/Create of the current user; fails if the name is taken). */
    public synchronized <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    /** The configured root URL ending in '/', or {@code null} when it is not known. */
    public String getRootUrl() {
        throw new UnsupportedOperationException();
    }

    public Queue getQueue() {
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
