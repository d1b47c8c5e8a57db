package io.jenkins.plugins.fathomable.e2e.loading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.PluginArchive;
import io.jenkins.plugins.fathomable.e2e.harness.SuiteSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Loading: the .hpi as the build made it goes into a real Jenkins 2.541.2 with the plugins of that line; the plugin
 * and every one of its extensions load, every class of its jars resolves against what runs there, and its pages
 * answer. The log scan after the group (SEVERE, WARNING naming Fathomable, linkage and Jelly errors) is part of it.
 */
@Order(1)
class LoadingIT {

    @RegisterExtension
    static final JenkinsGroup GROUP = JenkinsGroup.of("loading", JenkinsGroup::secured);

    /** Extensions that must be there whatever else the index holds. */
    private static final List<String> KEY_EXTENSIONS = List.of(
            "io.jenkins.plugins.fathomable.config.FathomableConfiguration",
            "io.jenkins.plugins.fathomable.config.TrackerConfig$DescriptorImpl",
            "io.jenkins.plugins.fathomable.config.EnvironmentEntry$DescriptorImpl",
            "io.jenkins.plugins.fathomable.config.RegistryEntry$DescriptorImpl",
            "io.jenkins.plugins.fathomable.engine.FathomableEngine",
            "io.jenkins.plugins.fathomable.engine.FathomablePoller",
            "io.jenkins.plugins.fathomable.rest.TrackersAction",
            "io.jenkins.plugins.fathomable.status.StatusLink");

    @Test
    void thePluginIsActiveWithTheVersionAndDependenciesItDeclares() throws Exception {
        PluginArchive hpi = PluginArchive.read(SuiteSettings.hpi());
        JsonNode plugins = GROUP.admin()
                .get("pluginManager/api/json?depth=2&tree=plugins[shortName,version,active,enabled,hasUpdate,"
                        + "dependencies[shortName,version,optional]]")
                .json().path("plugins");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        plugins.forEach(p -> byName.put(p.path("shortName").asText(), p));
        assertThat(byName).containsKey("fathomable");
        JsonNode fathomable = byName.get("fathomable");
        assertThat(fathomable.path("active").asBoolean()).as("fathomable active").isTrue();
        assertThat(fathomable.path("enabled").asBoolean()).as("fathomable enabled").isTrue();
        assertThat(fathomable.path("version").asText()).isEqualTo(SuiteSettings.pluginVersion()).isEqualTo(hpi.version());
        Map<String, String> dependencies = new LinkedHashMap<>();
        fathomable.path("dependencies").forEach(d -> dependencies.put(d.path("shortName").asText(), d.path("version").asText()));
        assertThat(dependencies).as("Jenkins read the manifest's Plugin-Dependencies").isEqualTo(hpi.dependencies());
        List<String> inactive = new ArrayList<>();
        byName.forEach((name, p) -> {
            if (!p.path("active").asBoolean()) {
                inactive.add(name);
            }
        });
        assertThat(inactive).as("plugins that did not start").isEmpty();
        for (String dependency : hpi.dependencies().keySet()) {
            assertThat(byName).as("dependency %s installed", dependency).containsKey(dependency);
        }
    }

    @Test
    void everyExtensionInTheIndexIsLoadedOnce() {
        String out = GROUP.admin().groovy("""
                def plugin = jenkins.model.Jenkins.get().pluginManager.getPlugin('fathomable')
                def loader = plugin.classLoader
                net.java.sezpoz.Index.load(hudson.Extension, Object, loader).each { item ->
                  def name = item.className()
                  if (name.startsWith('io.jenkins.plugins.fathomable.')) {
                    def type = loader.loadClass(name)
                    def found = jenkins.model.Jenkins.get().getExtensionList(type).findAll { it.getClass() == type }
                    println "EXT ${name} ${found.size()}"
                  }
                }
                """);
        Map<String, Integer> extensions = new LinkedHashMap<>();
        out.lines().filter(l -> l.startsWith("EXT ")).forEach(l -> {
            String[] parts = l.split(" ");
            extensions.put(parts[1], Integer.parseInt(parts[2]));
        });
        assertThat(extensions.keySet()).as("the plugin's @Extension index, read by Jenkins").containsAll(KEY_EXTENSIONS);
        assertThat(extensions).as("instances Jenkins made of each extension").allSatisfy((name, count) ->
                assertThat(count).as(name).isEqualTo(1));
    }

    @Test
    void thePipelineStepsAreRegistered() {
        String out = GROUP.admin().groovy("""
                org.jenkinsci.plugins.workflow.steps.StepDescriptor.all()
                    .findAll { it.getClass().name.startsWith('io.jenkins.plugins.fathomable.') }
                    .each { println "STEP ${it.functionName}" }
                """);
        assertThat(out.lines().filter(l -> l.startsWith("STEP ")).map(l -> l.substring(5)).toList())
                .containsExactlyInAnyOrder("fathomableRelease", "fathomableRender", "fathomableApply");
    }

    @Test
    void everyClassOfThePluginsJarsResolvesAgainstThisJenkins() throws Exception {
        // Loading a class links its superclass and interfaces; its declared members name every type in their
        // signatures. Both fail with NoClassDefFoundError and friends when the build compiled against other classes.
        String out = GROUP.admin().groovy("""
                def plugin = jenkins.model.Jenkins.get().pluginManager.getPlugin('fathomable')
                def loader = plugin.classLoader
                def checked = 0
                loader.getURLs().findAll { it.path.endsWith('/fathomable.jar') || it.path.endsWith('/fathomable-core.jar') }.each { url ->
                  new java.util.jar.JarFile(new File(url.toURI())).withCloseable { jar ->
                    jar.entries().findAll { it.name.endsWith('.class') && !it.name.contains('module-info') }.each { e ->
                      def name = e.name.replace('/', '.').replaceAll(/\\.class$/, '')
                      try {
                        def c = Class.forName(name, false, loader)
                        c.declaredMethods; c.declaredFields; c.declaredConstructors
                        checked++
                      } catch (Throwable t) {
                        println "FAIL ${name} ${t}"
                      }
                    }
                  }
                }
                println "CHECKED ${checked}"
                """);
        assertThat(out.lines().filter(l -> l.startsWith("FAIL ")).toList()).as("classes that do not resolve").isEmpty();
        int checked = out.lines().filter(l -> l.startsWith("CHECKED ")).mapToInt(l -> Integer.parseInt(l.substring(8))).sum();
        int inHpi = PluginArchive.classCount(SuiteSettings.hpi(), "fathomable.jar")
                + PluginArchive.classCount(SuiteSettings.hpi(), "fathomable-core.jar");
        assertThat(checked).as("classes checked in fathomable.jar and fathomable-core.jar").isEqualTo(inHpi).isGreaterThan(100);
    }

    @Test
    void itsPagesAndRoutesAnswer() {
        JenkinsClient admin = GROUP.admin();
        assertThat(admin.get("manage/").text()).as("Manage Jenkins lists the status page").contains("fathomable");
        assertThat(admin.get("manage/configure").status()).isEqualTo(200);
        assertThat(admin.get("manage/fathomable/").status()).isEqualTo(200);
        JenkinsClient.Response trackers = admin.get("trackers/");
        assertThat(trackers.status()).isEqualTo(200);
        assertThat(trackers.json().path("trackers").isArray()).isTrue();
        assertThat(admin.get("pluginManager/installed").text()).contains("Fathomable");
    }
}
