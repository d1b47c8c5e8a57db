package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;
import java.io.Serializable;

/** Where credentials may be used. The constants have bodies in the real enum, which makes it abstract. */
public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException();
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException();
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException();
        }
    };

    public abstract String getDisplayName();

    public abstract boolean isVisible(ModelObject context);
}
