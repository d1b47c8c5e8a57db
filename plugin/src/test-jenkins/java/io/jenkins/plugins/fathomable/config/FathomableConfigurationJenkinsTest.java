package io.jenkins.plugins.fathomable.config;

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
        FathomableConfiguration.get().setReleasePipelineTemplate("stage('deploy') { echo({{tracker}}) }");

        FathomableConfiguration reloaded = new FathomableConfiguration();

        assertThat(reloaded.getTrackers()).containsExactly(tracker);
        assertThat(reloaded.getPollIntervalMinutes()).isEqualTo(15);
        assertThat(reloaded.getReleasePipelineTemplate()).isEqualTo("stage('deploy') { echo({{tracker}}) }\n");
    }

    @Test
    void registriesEnvironmentsAndEndpointSurviveAReloadAndTheConfigPage(JenkinsRule j) throws Exception {
        FathomableConfiguration config = FathomableConfiguration.get();
        RegistryEntry ghcr = new RegistryEntry("ghcr.io");
        ghcr.setCredentialsId("ghcr-token");
        ghcr.setMaxConcurrent(2);
        EnvironmentEntry dev = new EnvironmentEntry("dev", "shop-dev");
        dev.setInCluster(true);
        EnvironmentEntry prod = new EnvironmentEntry("prod", "shop-prod");
        prod.setOrder(10);
        prod.setServerUrl("https://kube.example.com:6443");
        prod.setCredentialsId("prod-token");
        prod.setApprovalRequired(true);
        prod.setSoakMinutes(60);
        prod.setWindowCron("0 9 * * 1-5");
        prod.setWindowMinutes(480);
        config.setGithubApiUrl("https://github.example.com/api/v3");
        config.setRegistries(List.of(ghcr));
        config.setAllowedRegistryHosts("ghcr.io");
        config.setEnvironments(List.of(dev, prod));

        // submitting the unchanged page must keep everything (form binding of every field)
        j.submit(j.createWebClient().goTo("configure").getFormByName("config"));
        FathomableConfiguration reloaded = new FathomableConfiguration();

        assertThat(reloaded.getGithubApiUrl()).isEqualTo("https://github.example.com/api/v3");
        assertThat(reloaded.getRegistries()).containsExactly(ghcr);
        assertThat(reloaded.getAllowedRegistryHosts()).isEqualTo("ghcr.io");
        assertThat(reloaded.getEnvironments()).containsExactly(dev, prod);
        assertThat(reloaded.engineSettings().flow().names()).containsExactly("dev", "prod");
    }
}
