package io.jenkins.plugins.fathomable.webhooks;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Extension;
import hudson.model.InvisibleAction;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.fathomable.config.FathomableConfiguration;
import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.WebhookRoutes;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.core.webhook.Secrets;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import io.jenkins.plugins.fathomable.credentials.JenkinsCredentials;
import io.jenkins.plugins.fathomable.engine.FathomableEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code JENKINS_URL/fathomable-webhook/registry}: registry notifications ({@code docker-registry}, Harbor, Docker
 * Hub). Unprotected because registries cannot log in to Jenkins; the sender proves itself with the token of the
 * secret text credential chosen in the global configuration, sent as {@code Authorization: Bearer} and compared in
 * constant time before the body is read. Without that credential the address answers 404. Exempt from CSRF crumbs
 * ({@link RegistryWebhookCrumbExclusion}), like the GitHub plugin's hook.
 */
@Extension
public final class RegistryWebhookAction extends InvisibleAction implements UnprotectedRootAction {

    static final String URL_NAME = "fathomable-webhook";
    private static final Logger LOG = Logger.getLogger(RegistryWebhookAction.class.getName());
    /** The missing credential id last warned about, so a misconfiguration is logged once, not per delivery. */
    private static final java.util.concurrent.atomic.AtomicReference<String> warned =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public void doRegistry(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        write(rsp, receive(token(), () -> FathomableEngine.get().engine().webhooks(), req.getMethod(), headers,
                req.getQueryString(), () -> read(req.getInputStream())));
    }

    /** The body of a delivery, read only once its sender proved itself. */
    @FunctionalInterface
    interface Body {
        byte[] read() throws IOException;
    }

    /**
     * One delivery: 404 without a token; the bearer token checked (in constant time) before the body is read, so an
     * unauthenticated sender costs nothing; then core's routes, as in {@code serve}.
     *
     * @param webhooks the engine's receiver; a {@link ValidationException} from it means Fathomable is misconfigured
     */
    static ApiResponse receive(Optional<Secret> token, Supplier<Webhooks> webhooks, String method,
            Map<String, List<String>> headers, String query, Body body) throws IOException {
        if (token.isEmpty()) {
            return json(404, "not_found", "no registry webhook token is configured, so there is no registry"
                    + " webhook here");
        }
        Webhooks receiver;
        try {
            receiver = webhooks.get();
        } catch (ValidationException e) {
            return json(503, "not_configured", "the Fathomable configuration is invalid; fix it under Manage"
                    + " Jenkins » System");
        }
        String authorization = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        // the routes check the token again and answer 401
        byte[] bytes = Secrets.validBearer(token.get(), authorization) ? body.read() : new byte[0];
        WebhookRoutes routes = new WebhookRoutes(receiver, Optional::empty, () -> token,
                e -> LOG.log(Level.WARNING, "Fathomable registry webhook failed", e));
        return routes.handle(new ApiRequest(method, WebhookRoutes.REGISTRY, headers, bytes, Caller.anonymous(), query));
    }

    private static void write(StaplerResponse2 rsp, ApiResponse r) throws IOException {
        rsp.setStatus(r.status());
        r.headers().forEach(rsp::setHeader);
        if (r.status() == 401) {
            rsp.setHeader("WWW-Authenticate", "Bearer realm=\"fathomable-webhook\"");
        }
        if (r.body().length > 0) {
            try (OutputStream out = rsp.getOutputStream()) {
                out.write(r.body());
            }
        }
    }

    private static ApiResponse json(int status, String error, String message) {
        return new ApiResponse(status, Map.of("Content-Type", ApiResponse.JSON, "Cache-Control", "no-store"),
                ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The token of the configured credential; empty when none is configured (the address then answers 404). */
    private static Optional<Secret> token() {
        String id = FathomableConfiguration.get().getRegistryWebhookCredentialsId();
        Optional<StandardCredentials> found = JenkinsCredentials.find(id);
        if (id != null && found.isEmpty() && !id.equals(warned.getAndSet(id))) {
            LOG.warning("Fathomable's registry webhook token credential " + id + " does not exist; the registry"
                    + " webhook answers 404 until it does");
        }
        return found.filter(StringCredentials.class::isInstance).map(c -> ((StringCredentials) c).getSecret())
                .map(s -> s.getPlainText()).filter(t -> !t.isBlank()).map(Secret::of);
    }

    private static byte[] read(InputStream in) throws IOException {
        return in == null ? new byte[0] : in.readNBytes(WebhookRoutes.MAX_BODY_BYTES + 1);
    }

}
