package io.jenkins.plugins.fathomable.status;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Texts from {@code Messages.properties}, one method per key. Written by hand: the usual generator
 * (localizer-maven-plugin) cannot be resolved from Maven Central alone.
 */
final class Messages {

    private static final String BUNDLE = "io.jenkins.plugins.fathomable.status.Messages";

    private Messages() {
    }

    static String StatusLink_DisplayName() {
        return format("StatusLink.DisplayName");
    }

    static String StatusLink_Description() {
        return format("StatusLink.Description");
    }

    static String StatusLink_InvalidConfiguration(String reason) {
        return format("StatusLink.InvalidConfiguration", reason);
    }

    static String TrackerView_Approve(String release, String environment) {
        return format("TrackerView.Approve", release, environment);
    }

    static String TrackerView_Reject(String release) {
        return format("TrackerView.Reject", release);
    }

    static String TrackerView_Retry(String release) {
        return format("TrackerView.Retry", release);
    }

    static String TrackerView_Rollback(String environment) {
        return format("TrackerView.Rollback", environment);
    }

    static String TrackerView_Hold() {
        return format("TrackerView.Hold");
    }

    static String TrackerView_Unhold() {
        return format("TrackerView.Unhold");
    }

    static String TrackerView_Refused(String what, String reason) {
        return format("TrackerView.Refused", what, reason);
    }

    private static String format(String key, Object... args) {
        // The plugin's own class loader: the thread's context loader in Jenkins is not the plugin's.
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader());
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }
}
