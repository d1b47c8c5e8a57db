package io.jenkins.plugins.fathomable.core.dashboard.html;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the dashboard's rows and cells, by key; each host reads them from its own message bundle (Jenkins
 * in the request's language). The keys and their English text are {@code Words.properties} beside this class.
 */
@FunctionalInterface
public interface Words {

    /** The text of {@code key}, its {@code {0}}, {@code {1}}... replaced by {@code args} as they are. */
    String get(String key, Object... args);

    /** The English words, from {@code Words.properties}. */
    static Words english() {
        ResourceBundle bundle = ResourceBundle.getBundle(Words.class.getName(), Locale.ROOT, Words.class.getClassLoader());
        return (key, args) -> format(bundle.getString(key), args);
    }

    /** Numbers as they are (release 1234, not 1,234): every argument becomes its string first. */
    static String format(String pattern, Object... args) {
        if (args.length == 0) {
            return pattern;
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(texts);
    }
}
