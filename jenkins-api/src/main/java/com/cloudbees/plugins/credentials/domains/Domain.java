package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

/** A group of credentials by where they apply. */
public class Domain implements Serializable {

    private static final long serialVersionUID = 1L;

    private Domain() {
        throw new UnsupportedOperationException();
    }

    /** The global domain, which holds credentials that apply anywhere. */
    public static Domain global() {
        throw new UnsupportedOperationException();
    }
}
