package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.AbstractDescribableImpl;
import java.io.IOException;
import java.util.List;

/** The credentials stored in Jenkins itself (Manage Jenkins » Credentials » System). */
public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> {

    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException();
    }

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException();
    }

    /** A stateless view of {@link SystemCredentialsProvider#getInstance()} as a store. */
    public static class StoreImpl extends CredentialsStore {

        public StoreImpl() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Credentials> getCredentials(Domain domain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean addCredentials(Domain domain, Credentials credentials) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeCredentials(Domain domain, Credentials credentials) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateCredentials(Domain domain, Credentials current, Credentials replacement)
                throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
