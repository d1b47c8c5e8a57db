package io.jenkins.plugins.fathomable.core.deploy;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.net.URI;
import java.nio.file.Path;

/**
 * How to reach one cluster. Secrets are never part of it: a token is named by its credentials id and resolved
 * through the credentials port each time a client is built.
 */
public sealed interface ClusterConfig permits ClusterConfig.InCluster, ClusterConfig.KubeconfigFile,
        ClusterConfig.ServerToken {

    /** The service account of the pod Jenkins runs in (token and CA mounted by Kubernetes). */
    record InCluster() implements ClusterConfig {
    }

    /**
     * A kubeconfig file on the controller.
     *
     * @param context the context to use; {@code null} for the file's current-context
     */
    record KubeconfigFile(Path path, String context) implements ClusterConfig {
        public KubeconfigFile {
            if (path == null || path.toString().isBlank()) {
                throw new ValidationException("cluster.kubeconfig", "is required: the path of a kubeconfig file");
            }
            context = context == null || context.isBlank() ? null : context;
        }
    }

    /**
     * An API server URL and a bearer token (typically a service account token) held as a credential. The URL is
     * {@code https://}; plain {@code http://} only on the loopback interface ({@code kubectl proxy} on the controller,
     * a local test API server), where the token never leaves the machine.
     *
     * @param caCertificate the server's CA, PEM text or base64 of it as in kubeconfig; {@code null} for the JVM's
     *                      trust store
     * @param insecureSkipTlsVerify turn off certificate and host name checks; only for throw-away clusters
     */
    record ServerToken(String serverUrl, String credentialsId, String caCertificate, boolean insecureSkipTlsVerify)
            implements ClusterConfig {
        public ServerToken {
            if (serverUrl == null || serverUrl.isBlank()) {
                throw new ValidationException("cluster.serverUrl", "is required, e.g. https://kube.example.com:6443");
            }
            URI uri;
            try {
                uri = URI.create(serverUrl.trim());
            } catch (IllegalArgumentException e) {
                throw new ValidationException("cluster.serverUrl", "is not a URL: " + e.getMessage());
            }
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost()))) {
                throw new ValidationException("cluster.serverUrl", "must be an https:// URL with a host (the token "
                        + "must not travel in clear; http:// only for localhost, 127.x.x.x or [::1]), got '" + serverUrl
                        + "'");
            }
            serverUrl = serverUrl.trim();
            if (credentialsId == null || credentialsId.isBlank()) {
                throw new ValidationException("cluster.credentialsId", "is required: the id of a token credential");
            }
            caCertificate = caCertificate == null || caCertificate.isBlank() ? null : caCertificate.trim();
        }

        /** {@code localhost}, an address in 127.0.0.0/8 or {@code [::1]}, by name only: nothing is resolved. */
        static boolean isLoopback(String host) {
            String h = host.toLowerCase(java.util.Locale.ROOT);
            return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || LOOPBACK_V4.matcher(h).matches();
        }

        private static final java.util.regex.Pattern LOOPBACK_V4 =
                java.util.regex.Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

        @Override
        public String toString() {
            return "ServerToken[" + serverUrl + ", credentialsId=" + credentialsId
                    + (insecureSkipTlsVerify ? ", TLS verification OFF" : "") + "]";
        }
    }
}
