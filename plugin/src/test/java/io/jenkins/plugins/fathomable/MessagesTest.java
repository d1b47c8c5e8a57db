package io.jenkins.plugins.fathomable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each feature package has its own hand-written {@code Messages} next to its {@code Messages.properties}. */
class MessagesTest {

    @Test
    void displayNamesComeFromTheBundle() throws ReflectiveOperationException {
        assertThat(text("config", "FathomableConfiguration_DisplayName")).isEqualTo("Fathomable");
        assertThat(text("config", "TrackerConfig_DisplayName")).isEqualTo("Tracker");
        assertThat(text("status", "StatusLink_DisplayName")).isEqualTo("Fathomable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"config", "status", "credentials"})
    void everyKeyHasItsMethodAndEveryMethodItsKey(String feature) throws IOException, ClassNotFoundException {
        Class<?> messages = messages(feature);
        Properties bundle = new Properties();
        try (InputStream in = messages.getResourceAsStream("Messages.properties")) {
            assertThat(in).as("Messages.properties next to " + messages.getName()).isNotNull();
            bundle.load(in);
        }
        Set<String> methods = Arrays.stream(messages.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && !m.getName().equals("format"))
                .map(Method::getName).map(n -> n.replace('_', '.')).collect(Collectors.toSet());

        assertThat(methods).isEqualTo(bundle.stringPropertyNames());
    }

    private static Class<?> messages(String feature) throws ClassNotFoundException {
        return Class.forName(MessagesTest.class.getPackageName() + "." + feature + ".Messages");
    }

    private static String text(String feature, String method) throws ReflectiveOperationException {
        Method m = messages(feature).getDeclaredMethod(method);
        m.setAccessible(true);
        return (String) m.invoke(null);
    }
}
