package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** A predicate over credentials. */
public interface CredentialsMatcher extends Serializable {

    boolean matches(Credentials item);
}
