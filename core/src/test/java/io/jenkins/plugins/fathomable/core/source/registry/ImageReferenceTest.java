package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "nginx,                                   docker.io,       library/nginx,        -,       -",
            "nginx:1.25,                              docker.io,       library/nginx,        1.25,    -",
            "bitnami/redis:7,                         docker.io,       bitnami/redis,        7,       -",
            "docker.io/nginx,                         docker.io,       library/nginx,        -,       -",
            "index.docker.io/library/nginx,           docker.io,       library/nginx,        -,       -",
            "ghcr.io/acme/payments-api:1.4.2,         ghcr.io,         acme/payments-api,    1.4.2,   -",
            "localhost/app,                           localhost,       app,                  -,       -",
            "localhost:5000/team/app:v2,              localhost:5000,  team/app,             v2,      -",
            "127.0.0.1:5000/team/app,                 127.0.0.1:5000,  team/app,             -,       -",
            "registry.example.com:8443/a/b/c:1.0.0-rc.1, registry.example.com:8443, a/b/c,   1.0.0-rc.1, -",
            "[::1]:5000/app:1,                        [::1]:5000,      app,                  1,       -",
    })
    void parsesLikeDocker(String text, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(text);

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isEqualTo(digest);
    }

    @Test
    void splitsTagAndDigest() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);

        ImageReference ref = ImageReference.parse("ghcr.io/acme/app:1.0@" + digest);

        assertThat(ref.tag()).isEqualTo("1.0");
        assertThat(ref.digest()).isEqualTo(digest);
        assertThat(ref.toString()).isEqualTo("ghcr.io/acme/app:1.0@" + digest);
        assertThat(ImageReference.parse("nginx@" + digest).tag()).isNull();
    }

    @Test
    void dockerHubIsServedFromRegistryOne() {
        assertThat(ImageReference.parse("nginx").apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("nginx").name()).isEqualTo("docker.io/library/nginx");
        assertThat(ImageReference.parse("ghcr.io/acme/app").apiHost()).isEqualTo("ghcr.io");
    }

    @Test
    void portIsNotMistakenForATag() {
        ImageReference ref = ImageReference.parse("registry.local:5000/app");

        assertThat(ref.registry()).isEqualTo("registry.local:5000");
        assertThat(ref.tag()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "'',                          is required",
            "Acme/App,                    must be lower-case",
            "ghcr.io/acme/app:-bad,       tag '-bad'",
            "ghcr.io/acme/app@sha256:xyz, digest 'sha256:xyz'",
            "ghcr.io/acme//app,           repository path component ''",
    })
    void rejectsBadReferencesNamingTheField(String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse("spec.image.repository", text))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("spec.image.repository");
                            assertThat(error.message()).contains(message);
                        }));
    }
}
