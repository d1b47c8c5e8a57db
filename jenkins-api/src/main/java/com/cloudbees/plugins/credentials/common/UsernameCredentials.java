package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Declared as in the credentials plugin. */
public interface UsernameCredentials extends Credentials {
    String getUsername();
}
