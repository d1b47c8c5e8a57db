package io.jenkins.plugins.fathomable.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowConfigTest {

    @Test
    void defaultsAreDevHaPreprodProd() {
        FlowConfig flow = FlowConfig.defaults();
        assertThat(flow.names()).containsExactly("dev", "ha", "preprod", "prod");
        assertThat(flow.next("dev")).map(EnvironmentConfig::name).contains("ha");
        assertThat(flow.next("prod")).isEmpty();
        assertThat(flow.previous("dev")).isEmpty();
        assertThat(flow.environment("prod").orElseThrow().target()).isEqualTo(new KubernetesTarget("default", "prod"));
    }

    @Test
    void environmentNamesMustBeUniqueAndPresent() {
        assertThatThrownBy(() -> new FlowConfig(List.of(EnvironmentConfig.simple("dev", "c", "a"),
                EnvironmentConfig.simple("dev", "c", "b"))))
                .hasMessage("environments[1].name: 'dev' is listed twice");
        assertThatThrownBy(() -> new FlowConfig(List.of())).hasMessageStartingWith("environments:");
    }

    @Test
    void environmentFieldsAreValidatedTogether() {
        assertThatThrownBy(() -> new EnvironmentConfig("Prod!", List.of(), Duration.ofHours(-1), false, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name", "minSoak", "target"));
        assertThatThrownBy(() -> new KubernetesTarget(" ", "Payments"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("cluster", "namespace"));
    }

    @Test
    void deploymentIdsReadBackFromText() {
        DeploymentId id = new DeploymentId(TrackerId.parse("shop.payments"), 42);
        assertThat(id).hasToString("shop.payments/42");
        assertThat(DeploymentId.parse("shop.payments/42")).isEqualTo(id);
        assertThatThrownBy(() -> DeploymentId.parse("shop.payments/0")).hasMessageStartingWith("deployment:");
        assertThatThrownBy(() -> DeploymentId.parse("shop.payments")).hasMessageStartingWith("deployment:");
        assertThatThrownBy(() -> DeploymentId.parse("shop/1")).hasMessageStartingWith("deployment:");
    }
}
