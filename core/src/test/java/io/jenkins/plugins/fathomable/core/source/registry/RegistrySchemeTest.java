package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's rule for plain HTTP: loopback registries only, unless a registry is configured insecure. */
class RegistrySchemeTest {

    @ParameterizedTest(name = "{0} insecure={1}")
    @CsvSource({
            "127.0.0.1:5000,          false, http://127.0.0.1:5000/v2/",
            "localhost:5000,          false, http://localhost:5000/v2/",
            "localhost,               false, http://localhost/v2/",
            "[::1]:5000,              false, http://[::1]:5000/v2/",
            "registry-1.docker.io,    false, https://registry-1.docker.io/v2/",
            "ghcr.io,                 false, https://ghcr.io/v2/",
            "127.0.0.2:5000,          false, https://127.0.0.2:5000/v2/",
            "10.0.0.5:5000,           false, https://10.0.0.5:5000/v2/",
            "localhost.example.com,   false, https://localhost.example.com/v2/",
            "registry.internal:5000,  true,  http://registry.internal:5000/v2/",
    })
    void plainHttpOnlyForLoopbackOrInsecure(String apiHost, boolean insecure, String expected) {
        assertThat(RegistryClient.baseUrl(apiHost, insecure)).isEqualTo(expected);
    }
}
