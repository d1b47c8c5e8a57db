package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.html.Words;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The pages' words, from {@code ui.properties} beside this class, and the rows' and cells' words that Jenkins says
 * too from core's {@link Words}.
 */
final class Labels {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle(
            "io.jenkins.plugins.fathomable.cli.serve.ui.ui", Locale.ROOT, Labels.class.getClassLoader());
    private static final Words SHARED = Words.english();

    private Labels() {}

    static String get(String key, Object... args) {
        return BUNDLE.containsKey(key) ? Words.format(BUNDLE.getString(key), args) : SHARED.get(key, args);
    }
}
