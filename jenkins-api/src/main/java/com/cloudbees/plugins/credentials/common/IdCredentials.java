package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Declared as in the credentials plugin. */
public interface IdCredentials extends Credentials {
    String getId();
}
