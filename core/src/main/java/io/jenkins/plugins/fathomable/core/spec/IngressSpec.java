package io.jenkins.plugins.fathomable.core.spec;

/**
 * HTTP routing to the web-service: {@code host} and {@code path} to the Service port {@code port} (a name or a
 * number as text). {@code tlsSecretName} and {@code className} may be {@code null}.
 */
public record IngressSpec(String host, String path, String port, String tlsSecretName, String className) {}
