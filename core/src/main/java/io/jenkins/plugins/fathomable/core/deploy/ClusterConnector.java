package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a {@link KubernetesClient} for a {@link ClusterConfig}. Nothing is picked up implicitly (no ~/.kube/config,
 * no system properties): a client talks to exactly the cluster its config names. TLS is verified unless a
 * {@link ClusterConfig.ServerToken} explicitly turns it off. The caller closes the client.
 */
public final class ClusterConnector {

    /** Where Kubernetes mounts a pod's service account. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private final CredentialsPort credentials;
    private final Function<String, String> environment;
    private final Path serviceAccountDir;
    private final Proxies proxies;

    /**
     * @param environment       reads environment variables ({@code System::getenv} in production)
     * @param serviceAccountDir where the service account token and CA are mounted
     * @param proxies           how an API server given by URL is reached (the cluster's own, in-cluster, never
     *                          through a proxy; a kubeconfig says itself)
     */
    public ClusterConnector(CredentialsPort credentials, Function<String, String> environment, Path serviceAccountDir,
            Proxies proxies) {
        this.credentials = credentials;
        this.environment = environment;
        this.serviceAccountDir = serviceAccountDir;
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    /** A connector for this process: its environment and the standard service account mount. */
    public static ClusterConnector forThisProcess(CredentialsPort credentials, Proxies proxies) {
        return new ClusterConnector(credentials, System::getenv, SERVICE_ACCOUNT_DIR, proxies);
    }

    public KubernetesClient connect(ClusterConfig cluster) {
        return new KubernetesClientBuilder().withConfig(config(cluster)).build();
    }

    /** The client configuration, resolved now (the token is looked up at this moment). */
    Config config(ClusterConfig cluster) {
        if (cluster instanceof ClusterConfig.KubeconfigFile file) {
            return kubeconfig(file);
        }
        if (cluster instanceof ClusterConfig.ServerToken server) {
            return serverToken(server);
        }
        return inCluster();
    }

    private Config inCluster() {
        String host = environment.apply("KUBERNETES_SERVICE_HOST");
        String port = environment.apply("KUBERNETES_SERVICE_PORT");
        Path token = serviceAccountDir.resolve("token");
        if (host == null || host.isBlank() || !Files.isReadable(token)) {
            throw new ValidationException("cluster", "in-cluster access needs a pod with a service account: "
                    + "KUBERNETES_SERVICE_HOST is " + (host == null ? "not set" : "'" + host + "'")
                    + " and " + token + (Files.isReadable(token) ? " is readable" : " is not readable"));
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        Path ca = serviceAccountDir.resolve("ca.crt");
        return new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPart + ":" + (port == null || port.isBlank() ? "443" : port))
                .withCaCertFile(Files.isReadable(ca) ? ca.toString() : null)
                // Projected tokens rotate; read the file at each use rather than once.
                .withOauthTokenProvider(() -> read(token))
                .withTrustCerts(false)
                .build();
    }

    private static Config kubeconfig(ClusterConfig.KubeconfigFile file) {
        if (!Files.isReadable(file.path())) {
            throw new ValidationException("cluster.kubeconfig", "cannot read " + file.path());
        }
        try {
            return Config.fromKubeconfig(file.context(), file.path().toFile());
        } catch (KubernetesClientException e) {
            throw new ValidationException("cluster.kubeconfig", "cannot use " + file.path()
                    + (file.context() == null ? "" : " context '" + file.context() + "'") + ": " + e.getMessage());
        }
    }

    private Config serverToken(ClusterConfig.ServerToken server) {
        Credential credential = credentials.lookup(server.credentialsId()).orElseThrow(() -> new ValidationException(
                "cluster.credentialsId", "no credential with id '" + server.credentialsId() + "'"));
        if (!(credential instanceof Credential.Token token)) {
            throw new ValidationException("cluster.credentialsId", "credential '" + server.credentialsId()
                    + "' must be a token (secret text), not a user name and password");
        }
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(server.serverUrl())
                .withOauthToken(token.token().reveal())
                .withTrustCerts(server.insecureSkipTlsVerify())
                .withDisableHostnameVerification(server.insecureSkipTlsVerify());
        if (server.caCertificate() != null) {
            config.withCaCertData(caData(server.caCertificate()));
        }
        viaProxy(config, server.serverUrl());
        return config.build();
    }

    /** The proxy {@link #proxies} give for the API server, if any, with its credentials (decided now). */
    private void viaProxy(ConfigBuilder config, String serverUrl) {
        Proxy proxy = proxies.proxyFor(URI.create(serverUrl));
        if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress address)) {
            return; // direct: fabric8 is told nothing
        }
        String host = address.getHostString();
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        config.withHttpsProxy(url).withHttpProxy(url);
        proxies.credentials(host, address.getPort()).ifPresent(c -> config.withProxyUsername(c.getUserName())
                .withProxyPassword(new String(c.getPassword())));
    }

    /** fabric8 takes base64 of the PEM, as kubeconfig does; accept plain PEM too. */
    private static String caData(String ca) {
        return ca.startsWith("-----BEGIN")
                ? Base64.getEncoder().encodeToString(ca.getBytes(StandardCharsets.US_ASCII)) : ca;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service account token " + file, e);
        }
    }
}
