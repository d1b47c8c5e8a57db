package com.cloudbees.plugins.credentials.common;

/** A drop-down of {@link StandardCredentials}. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {

    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {
        throw new UnsupportedOperationException();
    }
}
