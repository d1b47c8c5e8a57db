package io.jenkins.plugins.fathomable.cli.serve;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code serve} is configured with: command-line flags over the {@code --config} file over defaults.
 *
 * @param environments release order, e.g. dev, ha, preprod, prod
 */
public record ServeSettings(String bind, int port, Path stateDir, URI githubApiUrl, Duration pollInterval,
        boolean openReads, List<String> environments, List<Registry> registries) {

    public static final URI DEFAULT_GITHUB_API = URI.create("https://api.github.com");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final List<String> DEFAULT_ENVIRONMENTS = List.of("dev", "ha", "preprod", "prod");

    /**
     * A container registry to reach: its host (with port), the credentials id to log in with (or none), and
     * whether it speaks plain HTTP (a local test registry).
     */
    public record Registry(String host, String credentialsId, boolean plainHttp) {
        public Registry {
            Objects.requireNonNull(host, "host");
        }
    }

    public ServeSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(githubApiUrl, "githubApiUrl");
        Objects.requireNonNull(pollInterval, "pollInterval");
        environments = List.copyOf(environments);
        registries = List.copyOf(registries);
    }
}
