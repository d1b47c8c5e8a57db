package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.Permission;

/** An entry on the Manage Jenkins page. */
public abstract class ManagementLink implements ExtensionPoint, Action {

    public ManagementLink() {
        throw new UnsupportedOperationException();
    }

    @Override
    public abstract String getIconFileName();

    @Override
    public abstract String getUrlName();

    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    public Permission getRequiredPermission() {
        throw new UnsupportedOperationException();
    }

    public Category getCategory() {
        throw new UnsupportedOperationException();
    }

    /** The sections of the Manage Jenkins page. */
    public enum Category {
        CONFIGURATION, SECURITY, STATUS, TROUBLESHOOTING, TOOLS, PLUGINS, MISC, UNCATEGORIZED
    }
}
