package io.jenkins.plugins.fathomable.credentials;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Texts from {@code Messages.properties}, one method per key. Written by hand: the usual generator
 * (localizer-maven-plugin) cannot be resolved from Maven Central alone.
 */
final class Messages {

    private static final String BUNDLE = "io.jenkins.plugins.fathomable.credentials.Messages";

    private Messages() {
    }

    static String FathomableCredentialsProvider_DisplayName() {
        return format("FathomableCredentialsProvider.DisplayName");
    }

    private static String format(String key) {
        // The plugin's own class loader: the thread's context loader in Jenkins is not the plugin's.
        return ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader()).getString(key);
    }
}
