package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.CellState;
import io.jenkins.plugins.fathomable.core.release.Blocker;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The pages' words, from {@code ui.properties} beside this class. */
final class Labels {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle(
            "io.jenkins.plugins.fathomable.cli.serve.ui.ui", Locale.ROOT, Labels.class.getClassLoader());

    private Labels() {}

    static String get(String key, Object... args) {
        String pattern = BUNDLE.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]); // numbers as they are: release 1234, not 1,234
        }
        return new MessageFormat(pattern, Locale.ROOT).format(texts);
    }

    static String state(CellState state) {
        return get("state." + state.key());
    }

    static String waitingFor(Blocker.Kind kind) {
        return get("for." + kind.name().toLowerCase(Locale.ROOT));
    }
}
