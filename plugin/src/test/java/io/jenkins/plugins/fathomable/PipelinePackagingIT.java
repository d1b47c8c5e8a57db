package io.jenkins.plugins.fathomable;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release runs and Pipeline steps made it into the built .hpi: extensions indexed, forms and help packaged. */
class PipelinePackagingIT {

    @TempDir
    static Path exploded;
    private static Path pluginJar;

    @BeforeAll
    static void explode() throws Exception {
        Path hpi = Paths.get(System.getProperty("fathomable.hpi"));
        HpiFiles.unzip(hpi, exploded);
        pluginJar = exploded.resolve("WEB-INF/lib/fathomable.jar");
    }

    @Test
    void theStepDescriptorsAndTheRunAndQueueListenersAreIndexedExtensions() throws Exception {
        Set<String> indexed = new TreeSet<>();
        try (URLClassLoader indexOnly = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, indexOnly)) {
                indexed.add(item.className());
            }
        }
        assertThat(indexed).contains(
                "io.jenkins.plugins.fathomable.steps.FathomableRenderStep$DescriptorImpl",
                "io.jenkins.plugins.fathomable.steps.FathomableApplyStep$DescriptorImpl",
                "io.jenkins.plugins.fathomable.steps.FathomableReleaseStep$DescriptorImpl",
                "io.jenkins.plugins.fathomable.runs.ReleaseRunListener",
                "io.jenkins.plugins.fathomable.runs.ReleaseQueueListener");
    }

    @Test
    void everyStepShipsItsFormAndHelp() throws Exception {
        List<String> entries = HpiFiles.entries(pluginJar);
        for (String step : List.of("FathomableRenderStep", "FathomableApplyStep", "FathomableReleaseStep")) {
            String folder = "io/jenkins/plugins/fathomable/steps/" + step + "/";
            assertThat(entries).contains(folder + "config.jelly", folder + "help.html", folder + "help-tracker.html",
                    folder + "help-environment.html", folder + "help-release.html");
        }
        assertThat(entries).contains("io/jenkins/plugins/fathomable/steps/FathomableReleaseStep/help-timeoutMinutes.html");
    }
}
