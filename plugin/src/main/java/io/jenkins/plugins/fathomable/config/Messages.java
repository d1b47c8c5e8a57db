package io.jenkins.plugins.fathomable.config;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Texts from {@code Messages.properties}, one method per key. Written by hand: the usual generator
 * (localizer-maven-plugin) cannot be resolved from Maven Central alone.
 */
final class Messages {

    private static final String BUNDLE = "io.jenkins.plugins.fathomable.config.Messages";

    private Messages() {
    }

    static String FathomableConfiguration_DisplayName() {
        return format("FathomableConfiguration.DisplayName");
    }

    static String TrackerConfig_DisplayName() {
        return format("TrackerConfig.DisplayName");
    }

    static String RegistryEntry_DisplayName() {
        return format("RegistryEntry.DisplayName");
    }

    static String EnvironmentEntry_DisplayName() {
        return format("EnvironmentEntry.DisplayName");
    }

    static String PollInterval_OutOfRange(String min, String max, String got) {
        return format("PollInterval.OutOfRange", min, max, got);
    }

    static String WebhookPollInterval_OutOfRange(String max, String got) {
        return format("WebhookPollInterval.OutOfRange", max, got);
    }

    private static String format(String key, Object... args) {
        // The plugin's own class loader: the thread's context loader in Jenkins is not the plugin's.
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader());
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }
}
