package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.security.AccessControlled;
import java.io.IOException;
import java.util.List;

/** A place credentials are kept and changed. */
public abstract class CredentialsStore implements AccessControlled {

    public abstract List<Credentials> getCredentials(Domain domain);

    public abstract boolean addCredentials(Domain domain, Credentials credentials) throws IOException;

    public abstract boolean removeCredentials(Domain domain, Credentials credentials) throws IOException;

    public abstract boolean updateCredentials(Domain domain, Credentials current, Credentials replacement)
            throws IOException;
}
