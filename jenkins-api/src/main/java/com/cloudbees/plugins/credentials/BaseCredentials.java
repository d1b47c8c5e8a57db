package com.cloudbees.plugins.credentials;

/** Base class of credentials implementations. */
public class BaseCredentials implements Credentials {

    private static final long serialVersionUID = 1L;

    public BaseCredentials(CredentialsScope scope) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException();
    }
}
