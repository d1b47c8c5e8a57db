package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.util.Secret;

/** Declared as in the credentials plugin. */
public interface PasswordCredentials extends Credentials {
    Secret getPassword();
}
