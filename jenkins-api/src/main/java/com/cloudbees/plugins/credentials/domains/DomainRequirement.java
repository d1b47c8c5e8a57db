package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** What a use of credentials requires of their domain (only the type is used here). */
public class DomainRequirement implements ExtensionPoint, Serializable {

    private static final long serialVersionUID = 1L;

    public DomainRequirement() {
        throw new UnsupportedOperationException();
    }
}
