package io.jenkins.plugins.fathomable.jenkinsjars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class JarCoordinatesTest {

    @Test
    void mavenBuiltJarsSayWhatTheyAre() throws IOException {
        Coordinates stapler = new Coordinates("org.kohsuke.stapler", "stapler", "2050.v425108fd5089");

        assertThat(JarCoordinates.of("stapler-2050.v425108fd5089.jar", TestJars.library(stapler))).isEqualTo(stapler);
    }

    @Test
    void aShadedJarIsTheRecordNamedLikeTheFile() throws IOException {
        Coordinates own = new Coordinates("org.jenkins-ci.main", "remoting", "3352.v17a_fb_4b_2773f");
        byte[] remoting = TestJars.library(own, new Coordinates("args4j", "args4j", "2.33"),
                new Coordinates("org.glassfish.tyrus", "tyrus-client", "2.2.1"));
        // two records with the file's name: the bundle itself is written last (com.sun.xml.bind:jaxb-core)
        byte[] jaxb = TestJars.library(new Coordinates("org.glassfish.jaxb", "jaxb-core", "4.0.9"),
                new Coordinates("com.sun.xml.bind", "jaxb-core", "4.0.9"));

        assertThat(JarCoordinates.of("remoting-3352.v17a_fb_4b_2773f.jar", remoting)).isEqualTo(own);
        assertThat(JarCoordinates.of("jaxb-core-4.0.9.jar", jaxb))
                .isEqualTo(new Coordinates("com.sun.xml.bind", "jaxb-core", "4.0.9"));
    }

    @Test
    void jarsBuiltWithoutMavenAreKnownByName() throws IOException {
        byte[] bare = TestJars.library();

        assertThat(JarCoordinates.of("spring-security-core-6.5.7.jar", bare))
                .isEqualTo(new Coordinates("org.springframework.security", "spring-security-core", "6.5.7"));
        assertThat(JarCoordinates.of("spring-core-6.2.14.jar", bare))
                .isEqualTo(new Coordinates("org.springframework", "spring-core", "6.2.14"));
        assertThat(JarCoordinates.of("kotlin-stdlib-jdk7-2.2.21.jar", bare))
                .isEqualTo(new Coordinates("org.jetbrains.kotlin", "kotlin-stdlib-jdk7", "2.2.21"));
        assertThat(JarCoordinates.of("jenkins-core-2.541.2.jar", bare))
                .isEqualTo(new Coordinates("org.jenkins-ci.main", "jenkins-core", "2.541.2"));
        assertThat(JarCoordinates.of("okhttp-jvm-5.3.2.jar", bare))
                .isEqualTo(new Coordinates("com.squareup.okhttp3", "okhttp-jvm", "5.3.2"));
    }

    @Test
    void anUnknownJarFailsNamingItself() {
        assertThatThrownBy(() -> JarCoordinates.of("mystery-1.0.jar", TestJars.library()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mystery-1.0.jar")
                .hasMessageContaining("GROUPS_WITHOUT_METADATA");
    }
}
