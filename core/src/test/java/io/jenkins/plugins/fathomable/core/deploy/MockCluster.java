package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A CRUD-mode fabric8 mock API server on 127.0.0.1 that understands server-side apply, and a client for it. Other
 * processes reach it at {@link #url()} (the end-to-end suite's Jenkins does); it can play the Deployment controller
 * ({@link #rollOutContinuously}) so that what is applied becomes ready, as on a real cluster.
 */
public final class MockCluster implements AutoCloseable {

    /** One request the API server answered, as the tests look at it. */
    public record Request(String method, String path, String authorization, String contentType) {

        /** A server-side apply: a PATCH with {@code application/apply-patch+yaml}. */
        public boolean isApply() {
            return "PATCH".equals(method) && contentType != null
                    && contentType.startsWith(ApplyPatchDispatcher.APPLY_PATCH);
        }

        /** Whether the request is about something in {@code namespace} ({@code /namespaces/NS/...}). */
        public boolean inNamespace(String namespace) {
            return path.contains("/namespaces/" + namespace + "/");
        }
    }

    final ApplyPatchDispatcher dispatcher = new ApplyPatchDispatcher();
    final KubernetesMockServer server;
    public final NamespacedKubernetesClient client;
    private final boolean https;
    private ScheduledExecutorService controller;

    MockCluster(boolean https) {
        this.https = https;
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, https);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    public static MockCluster start() {
        return new MockCluster(false);
    }

    /** The API server's URL for clients in any process on this machine: {@code http://127.0.0.1:PORT}. */
    public String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + server.getPort();
    }

    /** A new client for the same server, as a host hands out per deployment (the caller closes it). */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    /** Fault injection: the next {@code count} server-side applies answer {@code status} (500, 409...). */
    public void failNextApplies(int status, int count) {
        dispatcher.failNextApplies(status, count);
    }

    /** How many requests the server has answered. */
    public int requestCount() {
        return dispatcher.requests().size();
    }

    /** Every request the server answered, oldest first (the tests' own requests through {@link #client} too). */
    public List<Request> requests() {
        return dispatcher.requests().stream().map(r -> new Request(String.valueOf(r.getMethod()), r.getPath(),
                r.getHeader("Authorization"), r.getHeader("Content-Type"))).toList();
    }

    /**
     * The requests of other clients (e.g. another process's), oldest first: without those made through {@link #client}
     * and {@link #newClient()}, which send the mock's own token.
     */
    public List<Request> requestsFromOthers() {
        String own = "Bearer " + client.getConfiguration().getOauthToken();
        return requests().stream().filter(r -> !own.equals(r.authorization())).toList();
    }

    /** Paths (with query) of the server-side apply requests, in order. */
    public List<String> applyPaths() {
        return dispatcher.applyRequests().stream().map(r -> r.getPath()).toList();
    }

    /** Plays the Deployment controller: every replica of the current generation updated and ready. */
    public void rolledOut(String namespace, String deployment) {
        client.apps().deployments().inNamespace(namespace).withName(deployment).editStatus(d -> {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas).build());
            return d;
        });
    }

    /**
     * Plays the Deployment controller from now until {@link #close()}: every {@code period}, each Deployment (in any
     * namespace) whose current generation is not rolled out yet is rolled out ({@link #rolledOut}), if
     * {@code allowed} says so at that moment; the others stay unready, as while their pods start.
     */
    public synchronized void rollOutContinuously(Duration period, Predicate<Deployment> allowed) {
        Objects.requireNonNull(allowed, "allowed");
        if (controller != null) {
            throw new IllegalStateException("already rolling out");
        }
        controller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mock Deployment controller " + url());
            t.setDaemon(true);
            return t;
        });
        controller.scheduleWithFixedDelay(() -> {
            try {
                for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                    Long generation = d.getMetadata().getGeneration();
                    Long observed = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
                    if (!Objects.equals(generation, observed) && allowed.test(d)) {
                        rolledOut(d.getMetadata().getNamespace(), d.getMetadata().getName());
                    }
                }
            } catch (KubernetesClientException e) {
                // changed meanwhile (a conflicting write): the next round sees it again
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (controller != null) {
                controller.shutdownNow();
            }
        }
        client.close();
        server.destroy();
    }
}
