package io.jenkins.plugins.fathomable.jenkinsjars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A small Jenkins installation on disk (a war's libraries, three plugins) installed into an empty repository. */
class InstallJenkinsJarsTest {

    @TempDir
    Path jenkins;
    @TempDir
    Path repository;

    private final Coordinates stapler = new Coordinates("org.kohsuke.stapler", "stapler", "2050.v1");
    private final Coordinates githubApi = new Coordinates("org.kohsuke", "github-api", "1.330");

    @BeforeEach
    void aJenkins() throws IOException {
        Path lib = Files.createDirectories(jenkins.resolve("war/WEB-INF/lib"));
        Files.write(lib.resolve("jenkins-core-2.541.2.jar"), TestJars.library());
        Files.write(lib.resolve("stapler-2050.v1.jar"), TestJars.library(stapler));
        Files.write(lib.resolve("guava-33.5.0-jre.jar"),
                TestJars.library(new Coordinates("com.google.guava", "guava", "33.5.0-jre")));
        Path plugins = Files.createDirectories(jenkins.resolve("plugins"));
        Files.write(plugins.resolve("structs.jpi"), TestJars.plugin(
                manifest("org.jenkins-ci.plugins", "structs", "362.va_b_1", ""),
                Map.of("structs.jar", TestJars.library())));
        Files.write(plugins.resolve("github-api.jpi"), TestJars.plugin(
                manifest("org.jenkins-ci.plugins", "github-api", "1.330-492.v1", "structs:300.v1"),
                libs("github-api.jar", TestJars.library(), "github-api-1.330.jar", TestJars.library(githubApi))));
        Files.write(plugins.resolve("consumer.jpi"), TestJars.plugin(
                manifest("io.jenkins.plugins", "consumer", "1.0",
                        "github-api:1.300-1.v1,configuration-as-code:1900.v1;resolution:=optional,absent:1.0"),
                Map.of("consumer.jar", TestJars.library())));
    }

    @Test
    void installsCoreWithTheWarsLibrariesAndPluginsWithTheirDependencies() throws Exception {
        InstallJenkinsJars installer = new InstallJenkinsJars(jenkins, new LocalRepository(repository));
        installer.run();

        Document core = pom("org/jenkins-ci/main/jenkins-core/2.541.2/jenkins-core-2.541.2.pom");
        assertThat(dependencies(core)).containsExactly("com.google.guava:guava:33.5.0-jre flat",
                "org.kohsuke.stapler:stapler:2050.v1 flat");
        assertThat(repository.resolve("org/jenkins-ci/main/jenkins-core/2.541.2/jenkins-core-2.541.2.jar")).isRegularFile();
        assertThat(repository.resolve("org/kohsuke/stapler/stapler/2050.v1/stapler-2050.v1.jar")).isRegularFile();

        // a plugin depends on the plugins it needs at the versions installed, and on its bundled libraries
        Document github = pom("org/jenkins-ci/plugins/github-api/1.330-492.v1/github-api-1.330-492.v1.pom");
        assertThat(github.getElementsByTagName("packaging").item(0).getTextContent()).isEqualTo("hpi");
        assertThat(dependencies(github)).containsExactly("org.jenkins-ci.plugins:structs:362.va_b_1",
                "org.kohsuke:github-api:1.330 flat");
        assertThat(repository.resolve("org/jenkins-ci/plugins/github-api/1.330-492.v1/github-api-1.330-492.v1.hpi"))
                .hasBinaryContent(Files.readAllBytes(jenkins.resolve("plugins/github-api.jpi")));
        assertThat(repository.resolve("org/kohsuke/github-api/1.330/github-api-1.330.jar")).isRegularFile();

        // optional dependencies are left out, as Maven leaves out optional ones; a missing mandatory one is reported
        Document consumer = pom("io/jenkins/plugins/consumer/1.0/consumer-1.0.pom");
        assertThat(dependencies(consumer)).containsExactly("org.jenkins-ci.plugins:github-api:1.330-492.v1");
        assertThat(installer.warnings()).singleElement().asString().contains("consumer needs absent");
        assertThat(installer.summary()).contains("7 artifacts").contains("7 written");

        InstallJenkinsJars again = new InstallJenkinsJars(jenkins, new LocalRepository(repository));
        again.run();
        assertThat(again.summary()).contains("7 unchanged");
    }

    @Test
    void refusesAFolderThatIsNoJenkins() {
        assertThatThrownBy(() -> new InstallJenkinsJars(repository, new LocalRepository(repository)).run())
                .isInstanceOf(IOException.class).hasMessageContaining("war/WEB-INF/lib");
    }

    private static Map<String, String> manifest(String group, String shortName, String version, String dependencies) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Group-Id", group);
        m.put("Short-Name", shortName);
        m.put("Plugin-Version", version);
        m.put("Jenkins-Version", "2.479.3");
        if (!dependencies.isEmpty()) {
            m.put("Plugin-Dependencies", dependencies);
        }
        return m;
    }

    private static Map<String, byte[]> libs(String a, byte[] aContent, String b, byte[] bContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(a, aContent);
        m.put(b, bContent);
        return m;
    }

    private Document pom(String path) throws Exception {
        Path file = repository.resolve(path);
        assertThat(file).isRegularFile();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** {@code g:a:v}, with " flat" when every transitive dependency is excluded. */
    private static java.util.List<String> dependencies(Document pom) {
        java.util.List<String> result = new java.util.ArrayList<>();
        NodeList all = pom.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            String gav = text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "version");
            result.add(d.getElementsByTagName("exclusion").getLength() > 0 ? gav + " flat" : gav);
        }
        return result;
    }

    private static String text(Element parent, String child) {
        return ((Element) parent.getElementsByTagName(child).item(0)).getTextContent();
    }
}
