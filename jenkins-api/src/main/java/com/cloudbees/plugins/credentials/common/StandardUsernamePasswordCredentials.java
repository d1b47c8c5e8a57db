package com.cloudbees.plugins.credentials.common;

/** Declared as in the credentials plugin. */
public interface StandardUsernamePasswordCredentials extends StandardUsernameCredentials, UsernamePasswordCredentials {}
