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

class MessagesTest {

    @Test
    void displayNamesComeFromTheBundle() {
        assertThat(Messages.FathomableConfiguration_DisplayName()).isEqualTo("Fathomable");
        assertThat(Messages.TrackerConfig_DisplayName()).isEqualTo("Tracker");
    }

    @Test
    void everyKeyHasItsMethodAndEveryMethodItsKey() throws IOException {
        Properties bundle = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("Messages.properties")) {
            assertThat(in).as("Messages.properties next to Messages").isNotNull();
            bundle.load(in);
        }
        Set<String> methods = Arrays.stream(Messages.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && !m.getName().equals("format"))
                .map(Method::getName).map(n -> n.replace('_', '.')).collect(Collectors.toSet());

        assertThat(methods).isEqualTo(bundle.stringPropertyNames());
    }
}
