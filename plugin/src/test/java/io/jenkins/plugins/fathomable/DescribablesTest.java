package io.jenkins.plugins.fathomable;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Describable;
import io.jenkins.plugins.fathomable.config.EnvironmentEntry;
import io.jenkins.plugins.fathomable.config.FathomableConfiguration;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin declares Jenkins-Version 2.479.3, where {@code Describable.getDescriptor()} is still abstract (its
 * default came in 2.505): a Describable of ours that relied on the default would compile against today's jenkins-core
 * and fail with AbstractMethodError on an older controller.
 */
class DescribablesTest {

    @Test
    void everyDescribableImplementsGetDescriptorItself() throws Exception {
        List<String> relyingOnTheDefault = new ArrayList<>();
        List<Class<?>> describables = describables();
        for (Class<?> type : describables) {
            Method getDescriptor = type.getMethod("getDescriptor");
            if (getDescriptor.getDeclaringClass().isInterface()) {
                relyingOnTheDefault.add(type.getName());
            }
        }
        assertThat(describables).as("the check sees the plugin's Describables")
                .contains(EnvironmentEntry.class, FathomableConfiguration.class);
        assertThat(relyingOnTheDefault).isEmpty();
    }

    /** Every concrete class of the plugin (not its tests) that implements Describable. */
    private static List<Class<?>> describables() throws URISyntaxException, ClassNotFoundException, java.io.IOException {
        Path classes = Path.of(FathomableServices.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.');
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        DescribablesTest.class.getClassLoader());
                if (Describable.class.isAssignableFrom(type) && !type.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
