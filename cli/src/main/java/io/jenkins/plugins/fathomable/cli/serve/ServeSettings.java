package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.release.DeployWindow;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code serve} is configured with: command-line flags over the {@code --config} file over defaults.
 *
 * @param environments release order, e.g. dev, ha, preprod, prod
 * @param renderOnly   never apply to a cluster: every release is written under {@code <stateDir>/releases}
 * @param github       the GitHub request budget per credential: points a minute, requests in flight
 * @param webhooks     the webhook receivers' secrets and the safety-net poll interval
 */
public record ServeSettings(String bind, int port, Path stateDir, URI githubApiUrl, Duration pollInterval,
        boolean openReads, List<Environment> environments, List<Registry> registries, boolean renderOnly,
        Duration answerWithin, GitHubLimits github, WebhookSettings webhooks) {

    /** With GitHub's request budget, without webhooks. */
    public ServeSettings(String bind, int port, Path stateDir, URI githubApiUrl, Duration pollInterval,
            boolean openReads, List<Environment> environments, List<Registry> registries, boolean renderOnly,
            Duration answerWithin, GitHubLimits github) {
        this(bind, port, stateDir, githubApiUrl, pollInterval, openReads, environments, registries, renderOnly,
                answerWithin, github, WebhookSettings.NONE);
    }

    /** How long a POST/PUT waits for its read of GitHub and the registry before answering {@code READING}. */
    public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(5);

    /** With the default {@link #answerWithin} and GitHub's default request budget. */
    public ServeSettings(String bind, int port, Path stateDir, URI githubApiUrl, Duration pollInterval,
            boolean openReads, List<Environment> environments, List<Registry> registries, boolean renderOnly) {
        this(bind, port, stateDir, githubApiUrl, pollInterval, openReads, environments, registries, renderOnly,
                DEFAULT_ANSWER_WITHIN, GitHubLimits.DEFAULT, WebhookSettings.NONE);
    }

    public static final URI DEFAULT_GITHUB_API = URI.create("https://api.github.com");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final List<Environment> DEFAULT_ENVIRONMENTS = Environment.named(List.of("dev", "ha", "preprod", "prod"));

    /**
     * A container registry to reach: its host (with port), how to log in (a credentials id of the secret store, or a
     * user name with the password read from a file or an environment variable at each login), whether it speaks
     * plain HTTP (a local test registry), and optional request limits.
     */
    public record Registry(String host, String credentialsId, boolean plainHttp, String username, String passwordFile,
            String passwordEnv, Double requestsPerSecond, Integer maxConcurrent) {
        public Registry {
            Objects.requireNonNull(host, "host");
        }

        public Registry(String host, String credentialsId, boolean plainHttp) {
            this(host, credentialsId, plainHttp, null, null, null, null, null);
        }
    }

    /** How an environment reaches its cluster: a kubeconfig file (and context), or the pod's service account. */
    public record Cluster(Path kubeconfig, String context, boolean inCluster) {
        /** The name shown in status and logs. */
        public String name() {
            return inCluster ? "in-cluster" : kubeconfig + (context == null ? "" : "#" + context);
        }
    }

    /**
     * One environment of the flow.
     *
     * @param namespace where its objects go (default: the environment's name)
     * @param cluster   {@code null}: render only
     * @param windows   when releases may enter; empty: any time
     * @param soak      how long a release must have been ready in the previous environment
     * @param approval  a person must approve each release
     * @param readinessTimeout how long applied objects may take to become Ready before the deployment fails
     *                  (default {@link #DEFAULT_READINESS_TIMEOUT})
     */
    public record Environment(String name, String namespace, Cluster cluster, List<DeployWindow> windows,
            Duration soak, boolean approval, Duration readinessTimeout) {

        public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofMinutes(10);

        public Environment {
            Objects.requireNonNull(name, "name");
            namespace = namespace == null ? name : namespace;
            windows = windows == null ? List.of() : List.copyOf(windows);
            soak = soak == null ? Duration.ZERO : soak;
            readinessTimeout = readinessTimeout == null ? DEFAULT_READINESS_TIMEOUT : readinessTimeout;
        }

        /** With the default readiness timeout. */
        public Environment(String name, String namespace, Cluster cluster, List<DeployWindow> windows,
                Duration soak, boolean approval) {
            this(name, namespace, cluster, windows, soak, approval, null);
        }

        public static List<Environment> named(List<String> names) {
            return names.stream().map(n -> new Environment(n, null, null, null, null, false)).toList();
        }
    }

    /** With GitHub's default request budget. */
    public ServeSettings(String bind, int port, Path stateDir, URI githubApiUrl, Duration pollInterval,
            boolean openReads, List<Environment> environments, List<Registry> registries, boolean renderOnly,
            Duration answerWithin) {
        this(bind, port, stateDir, githubApiUrl, pollInterval, openReads, environments, registries, renderOnly,
                answerWithin, GitHubLimits.DEFAULT, WebhookSettings.NONE);
    }

    public ServeSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(githubApiUrl, "githubApiUrl");
        Objects.requireNonNull(pollInterval, "pollInterval");
        environments = List.copyOf(environments);
        registries = List.copyOf(registries);
        answerWithin = answerWithin == null ? DEFAULT_ANSWER_WITHIN : answerWithin;
        webhooks = webhooks == null ? WebhookSettings.NONE : webhooks;
    }

    /** The same settings with another answer wait (tests that need every answer complete wait long). */
    public ServeSettings withAnswerWithin(Duration wait) {
        return new ServeSettings(bind, port, stateDir, githubApiUrl, pollInterval, openReads, environments,
                registries, renderOnly, wait, github, webhooks);
    }

    /** The same settings with these webhook receivers. */
    public ServeSettings withWebhooks(WebhookSettings newWebhooks) {
        return new ServeSettings(bind, port, stateDir, githubApiUrl, pollInterval, openReads, environments,
                registries, renderOnly, answerWithin, github, newWebhooks);
    }

    /** How often each tracker is polled: the poll interval, or the webhook interval while its webhooks flow. */
    public io.jenkins.plugins.fathomable.core.webhook.SafetyNet safetyNet() {
        return new io.jenkins.plugins.fathomable.core.webhook.SafetyNet(pollInterval, webhooks.pollInterval());
    }

    public List<String> environmentNames() {
        return environments.stream().map(Environment::name).toList();
    }
}
