package io.jenkins.plugins.fathomable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.plugins.structs.SymbolLookup;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Smoke test in a real Jenkins: only built with {@code -Pjenkins} (it needs jenkins-test-harness and jenkins.war
 * from the Jenkins Maven repository). The offline build checks the same wiring statically in PackagedPluginIT.
 */
@WithJenkins
class FathomableConfigurationJenkinsTest {

    @Test
    void theConfigurationIsAnExtensionFoundByItsSymbol(JenkinsRule j) {
        GlobalConfiguration bySymbol = SymbolLookup.get().find(GlobalConfiguration.class, "fathomable");

        assertThat(bySymbol).isInstanceOf(FathomableConfiguration.class).isSameAs(FathomableConfiguration.get());
        assertThat(SymbolLookup.get().findDescriptor(TrackerConfig.class, "tracker"))
                .isInstanceOf(TrackerConfig.DescriptorImpl.class);
    }

    @Test
    void settingsSurviveAReload(JenkinsRule j) {
        TrackerConfig tracker = new TrackerConfig("payments.api", "acme/payments-api", "fathomable.yaml");
        tracker.setBranch("main");
        FathomableConfiguration.get().setTrackers(List.of(tracker));
        FathomableConfiguration.get().setPollIntervalMinutes(15);

        FathomableConfiguration reloaded = new FathomableConfiguration();

        assertThat(reloaded.getTrackers()).containsExactly(tracker);
        assertThat(reloaded.getPollIntervalMinutes()).isEqualTo(15);
    }
}
