package io.jenkins.plugins.fathomable.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.poll.YamlImagePolicyReader;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowListPolicyReaderTest {

    private static String spec(String repository) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: payments-api\nspec:\n"
                + "  pattern: web-service\n  image:\n    repository: " + repository + "\n    tag: \"1.0.0\"\n";
    }

    @Test
    void listedHostsPass() {
        var reader = new AllowListPolicyReader(new YamlImagePolicyReader(), Set.of("ghcr.io", "docker.io"));

        assertThat(reader.read(spec("ghcr.io/acme/app")).repository().registry()).isEqualTo("ghcr.io");
        assertThat(reader.read(spec("nginx")).repository().registry()).isEqualTo("docker.io");
    }

    @Test
    void otherHostsAreRefusedBeforeAnyRequest() {
        var reader = new AllowListPolicyReader(new YamlImagePolicyReader(), Set.of("ghcr.io"));

        assertThatThrownBy(() -> reader.read(spec("evil.example.com:5000/acme/app")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("spec.image");
                            assertThat(err.message()).contains("evil.example.com:5000").contains("allow-list");
                        }));
    }

    @Test
    void anEmptyListAllowsEveryHost() {
        var reader = new AllowListPolicyReader(new YamlImagePolicyReader(), Set.of());

        assertThat(reader.read(spec("registry.example.com/acme/app")).repository().registry())
                .isEqualTo("registry.example.com");
    }
}
