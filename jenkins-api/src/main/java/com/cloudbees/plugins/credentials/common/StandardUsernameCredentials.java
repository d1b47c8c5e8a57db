package com.cloudbees.plugins.credentials.common;

/** Declared as in the credentials plugin. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {}
