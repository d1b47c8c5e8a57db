package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/** Any credentials held by the credentials plugin. */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {

    CredentialsScope getScope();
}
