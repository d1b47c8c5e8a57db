package io.jenkins.plugins.fathomable;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.AnnotatedElement;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Opens the built {@code fathomable.hpi} the way Jenkins would and fails on anything that would make it load wrongly
 * or not at all: manifest, bundled jars, extension and symbol indexes, Jelly views and their help. Runs after
 * {@code package} (failsafe), since only then does the .hpi exist.
 */
class PackagedPluginIT {

    private static final Set<String> REQUIRED_PLUGINS = Set.of("credentials", "plain-credentials",
            "github-api", "github-branch-source", "github", "kubernetes-client-api", "snakeyaml-api", "jackson2-api",
            "okhttp-api", "workflow-step-api", "workflow-api", "workflow-job", "workflow-cps");
    private static final Pattern DEPENDENCY = Pattern.compile("([a-z0-9][a-z0-9-]*):([A-Za-z0-9._-]+)(;resolution:=optional)?");
    /** Classes that Jenkins core, Stapler or another plugin provide; a copy inside the .hpi would shadow or clash. */
    private static final List<String> FOREIGN_PACKAGES = List.of("hudson/", "jenkins/", "org/kohsuke/", "net/sf/json/",
            "org/jenkinsci/", "org/jvnet/", "net/java/sezpoz/", "com/cloudbees/", "io/fabric8/", "org/yaml/",
            "com/fasterxml/", "okhttp3/", "okio/", "kotlin/");
    /** Core's libraries that neither Jenkins nor a Jenkins plugin provides, so the .hpi must carry them. */
    private static final List<String> BUNDLED = List.of("fathomable.jar", "fathomable-core.jar", "cron-utils.jar",
            "java-diff-utils.jar", "semver4j.jar");
    /** Libraries that plugins in Plugin-Dependencies provide; a bundled copy would clash with theirs. */
    private static final List<String> NEVER_BUNDLED = List.of("github-api", "kubernetes-", "snakeyaml", "jackson-",
            "okhttp", "okio", "kotlin", "zjsonpatch", "logging-interceptor", "commons-lang3", "commons-io", "slf4j",
            "jspecify");
    private static final Set<String> EXTENSIONS = Set.of("io.jenkins.plugins.fathomable.config.FathomableConfiguration",
            "io.jenkins.plugins.fathomable.config.TrackerConfig$DescriptorImpl",
            "io.jenkins.plugins.fathomable.config.RegistryEntry$DescriptorImpl",
            "io.jenkins.plugins.fathomable.config.EnvironmentEntry$DescriptorImpl",
            "io.jenkins.plugins.fathomable.engine.FathomableEngine", "io.jenkins.plugins.fathomable.engine.FathomablePoller",
            "io.jenkins.plugins.fathomable.rest.TrackersAction", "io.jenkins.plugins.fathomable.status.StatusLink",
            // the one FathomableServices the steps and the run listener look up
            "io.jenkins.plugins.fathomable.engine.EngineServices");
    private static final String ESCAPE_BY_DEFAULT = "<?jelly escape-by-default='true'?>";
    /** {@code ${%key}} or {@code ${%key(arguments)}}: group 1 is the key. */
    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}(]+)(?:\\([^}]*\\))?}");

    @TempDir
    static Path exploded;
    private static Path hpi;
    private static Path pluginJar;

    @BeforeAll
    static void explode() throws IOException {
        String location = System.getProperty("fathomable.hpi");
        assertThat(location).as("system property fathomable.hpi (set by the failsafe configuration)").isNotBlank();
        hpi = Paths.get(location);
        assertThat(hpi).as("run 'mvn verify' so the .hpi is built first").isRegularFile();
        HpiFiles.unzip(hpi, exploded);
        pluginJar = exploded.resolve("WEB-INF/lib/fathomable.jar");
        assertThat(pluginJar).as("the plugin's own jar inside the .hpi").isRegularFile();
    }

    @Test
    void manifestHasThePluginAttributes() throws IOException {
        Attributes main;
        try (JarFile jar = new JarFile(hpi.toFile())) {
            assertThat(jar.getManifest()).as("META-INF/MANIFEST.MF").isNotNull();
            main = jar.getManifest().getMainAttributes();
        }
        assertThat(main.getValue("Short-Name")).isEqualTo("fathomable");
        assertThat(main.getValue("Artifact-Id")).isEqualTo("fathomable");
        assertThat(main.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
        // the floor the build declares (root pom); DependencyFloorsIT holds it against the real Jenkins
        assertThat(main.getValue("Jenkins-Version")).isEqualTo(System.getProperty("fathomable.floor.jenkins"))
                .matches("2\\.\\d+(\\.\\d+)?");
        assertThat(main.getValue("Hudson-Version")).isEqualTo(main.getValue("Jenkins-Version"));
        assertThat(main.getValue("Long-Name")).isNotBlank();
        assertThat(main.getValue("Plugin-Version")).isEqualTo(System.getProperty("fathomable.version"));
        assertThat(main.getValue("Url")).startsWith("https://");
        assertThat(main.getValue("Plugin-Class")).as("no hudson.Plugin subclass is shipped").isNull();

        String dependencies = main.getValue("Plugin-Dependencies");
        assertThat(dependencies).as("Plugin-Dependencies").isNotBlank().doesNotContain(" ");
        Set<String> ids = new TreeSet<>();
        for (String entry : dependencies.split(",", -1)) {
            Matcher m = DEPENDENCY.matcher(entry);
            assertThat(m.matches()).as("'%s' is shortName:version[;resolution:=optional]", entry).isTrue();
            assertThat(ids.add(m.group(1))).as("%s listed once", m.group(1)).isTrue();
            assertThat(m.group(2)).as("version of %s", m.group(1)).doesNotContain("$").doesNotEndWith("SNAPSHOT");
        }
        assertThat(ids).containsAll(REQUIRED_PLUGINS);
    }

    @Test
    void bundlesOnlyThePluginAndCoreJars() throws IOException {
        try (Stream<Path> libs = Files.list(exploded.resolve("WEB-INF/lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertThat(names).containsExactlyInAnyOrderElementsOf(BUNDLED);
            assertThat(names).noneMatch(n -> NEVER_BUNDLED.stream().anyMatch(n::startsWith));
        }
        assertThat(exploded.resolve("WEB-INF/classes")).doesNotExist();
        List<String> foreign = new ArrayList<>();
        for (Path jar : List.of(pluginJar, exploded.resolve("WEB-INF/lib/fathomable-core.jar"))) {
            for (String entry : HpiFiles.entries(jar)) {
                if (entry.endsWith(".class") && FOREIGN_PACKAGES.stream().anyMatch(entry::startsWith)) {
                    foreign.add(jar.getFileName() + "!" + entry);
                }
            }
        }
        assertThat(foreign).as("classes Jenkins or a dependency plugin provides").isEmpty();
    }

    @Test
    void everyExtensionIsInTheSezpozIndex() throws Exception {
        Set<String> indexed = new TreeSet<>();
        try (URLClassLoader indexOnly = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, indexOnly)) {
                indexed.add(item.className() + (item.memberName() == null ? "" : "#" + item.memberName()));
            }
        }
        Set<String> annotated = annotatedIn(Extension.class);
        assertThat(annotated).containsAll(EXTENSIONS);
        assertThat(indexed).as("META-INF/annotations/hudson.Extension").isEqualTo(annotated);
    }

    @Test
    void exactlyOneExtensionProvidesFathomableServices() throws Exception {
        // ExtensionList.lookupSingleton fails in Jenkins with none or several
        List<String> services = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, getClass().getClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                // the index also lists the extensions of jenkins-core and the plugins on the test class path
                if (item.memberName() == null && item.className().startsWith("io.jenkins.plugins.fathomable.")
                        && FathomableServices.class.isAssignableFrom(
                        loader.loadClass(item.className()))) {
                    services.add(item.className());
                }
            }
        }
        assertThat(services).containsExactly("io.jenkins.plugins.fathomable.engine.EngineServices");
    }

    @Test
    void everySymbolIsInTheSymbolIndex() throws Exception {
        Set<String> listed = new TreeSet<>();
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            var entry = jar.getJarEntry("META-INF/services/annotations/org.jenkinsci.Symbol");
            assertThat(entry).as("the org.jenkinsci.Symbol index").isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank()).forEach(listed::add);
            }
        }
        assertThat(listed).as("META-INF/services/annotations/org.jenkinsci.Symbol, written by annotation-indexer")
                .isEqualTo(annotatedIn(Symbol.class));
    }

    @Test
    void indexPageEscapesByDefault() throws Exception {
        Path index = HpiFiles.unzip(pluginJar, exploded.resolve("jar")).resolve("index.jelly");
        assertThat(index).isRegularFile();
        assertThat(Files.readString(index)).startsWith(ESCAPE_BY_DEFAULT);
    }

    @Test
    void viewsSitNextToTheirClassesAndEveryFieldHasHelp() throws Exception {
        Path root = HpiFiles.unzip(pluginJar, exploded.resolve("views"));
        List<Path> views;
        try (Stream<Path> files = Files.walk(root)) {
            // every view but the plugin description at the jar root (checked above)
            views = files.filter(p -> p.toString().endsWith(".jelly") && !p.getParent().equals(root)).toList();
        }
        assertThat(views).extracting(v -> root.relativize(v).toString()).contains(
                "io/jenkins/plugins/fathomable/status/StatusLink/index.jelly",
                "io/jenkins/plugins/fathomable/status/StatusLink/diff.jelly",
                "io/jenkins/plugins/fathomable/status/TrackerView/index.jelly",
                "io/jenkins/plugins/fathomable/config/EnvironmentEntry/config.jelly",
                "io/jenkins/plugins/fathomable/config/RegistryEntry/config.jelly",
                "io/jenkins/plugins/fathomable/config/TrackerConfig/config.jelly",
                "io/jenkins/plugins/fathomable/config/FathomableConfiguration/config.jelly");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, getClass().getClassLoader())) {
            for (Path view : views) {
                Path folder = view.getParent();
                String className = root.relativize(folder).toString().replace('/', '.');
                assertThat(folder.resolveSibling(folder.getFileName() + ".class"))
                        .as("class %s for view %s", className, root.relativize(view)).isRegularFile();
                String text = Files.readString(view);
                assertThat(text).as(root.relativize(view).toString()).startsWith(ESCAPE_BY_DEFAULT);
                Element document = parse(text);
                checkLabels(view, text);
                if (view.getFileName().toString().equals("config.jelly")) {
                    checkFields(loader.loadClass(className), folder, document);
                }
            }
        }
    }

    private static void checkLabels(Path view, String text) throws IOException {
        String name = view.getFileName().toString();
        Path bundle = view.resolveSibling(name.substring(0, name.length() - ".jelly".length()) + ".properties");
        Properties labels = new Properties();
        if (Files.exists(bundle)) {
            try (var reader = Files.newBufferedReader(bundle)) {
                labels.load(reader);
            }
        }
        Matcher m = LOCALIZED.matcher(text);
        while (m.find()) {
            assertThat(labels).as("label '%s' of %s in %s", m.group(1), view.getFileName(), bundle.getFileName())
                    .containsKey(m.group(1));
        }
    }

    private static void checkFields(Class<?> owner, Path folder, Element document) throws Exception {
        Set<String> fields = new TreeSet<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String field = ((Element) all.item(i)).getAttribute("field");
            if (!field.isEmpty()) {
                fields.add(field);
            }
        }
        for (String field : fields) {
            assertThat(folder.resolve("help-" + field + ".html")).as("help for %s.%s", owner.getSimpleName(), field)
                    .isRegularFile();
            parse(Files.readString(folder.resolve("help-" + field + ".html")));
            String suffix = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            assertThat(hasGetter(owner, "get" + suffix) || hasBooleanGetter(owner, "is" + suffix))
                    .as("%s.get%s() (or is%s()) backing field %s", owner.getName(), suffix, suffix, field).isTrue();
        }
        try (Stream<Path> helps = Files.list(folder)) {
            assertThat(helps.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("help-"))
                    .map(n -> n.substring("help-".length(), n.length() - ".html".length())))
                    .as("help files without a field in %s/config.jelly", owner.getSimpleName())
                    .allMatch(fields::contains);
        }
    }

    private static boolean hasGetter(Class<?> owner, String name) {
        try {
            owner.getMethod(name);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean hasBooleanGetter(Class<?> owner, String name) {
        try {
            return owner.getMethod(name).getReturnType() == boolean.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Element parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml))).getDocumentElement();
    }

    /** Names ({@code Class} or {@code Class#member}) in the plugin jar carrying {@code annotation}. */
    private Set<String> annotatedIn(Class<? extends java.lang.annotation.Annotation> annotation) throws Exception {
        Set<String> found = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, getClass().getClassLoader())) {
            for (String entry : HpiFiles.entries(pluginJar)) {
                if (!entry.endsWith(".class") || entry.endsWith("module-info.class")) {
                    continue;
                }
                Class<?> type = loader.loadClass(entry.substring(0, entry.length() - 6).replace('/', '.'));
                if (type.isAnnotationPresent(annotation)) {
                    found.add(type.getName());
                }
                for (Map.Entry<String, AnnotatedElement> member : HpiFiles.members(type).entrySet()) {
                    if (member.getValue().isAnnotationPresent(annotation)) {
                        found.add(type.getName() + "#" + member.getKey());
                    }
                }
            }
        }
        return found;
    }
}
