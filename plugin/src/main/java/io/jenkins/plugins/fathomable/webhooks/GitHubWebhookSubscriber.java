package io.jenkins.plugins.fathomable.webhooks;

import hudson.Extension;
import hudson.model.Item;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.core.webhook.BadPayloadException;
import io.jenkins.plugins.fathomable.core.webhook.Delivery;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import io.jenkins.plugins.fathomable.engine.FathomableEngine;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.github.GitHubPlugin;
import org.jenkinsci.plugins.github.config.HookSecretConfig;
import org.jenkinsci.plugins.github.extension.GHEventsSubscriber;
import org.jenkinsci.plugins.github.extension.GHSubscriberEvent;
import org.kohsuke.github.GHEvent;

/**
 * Fathomable's subscription to the GitHub plugin's {@code JENKINS_URL/github-webhook/}: the hook admins already point
 * GitHub at, checked with its shared secret by the GitHub plugin before any subscriber sees a delivery. Push,
 * create, delete, package and registry_package events make the engine look at exactly the trackers they concern.
 *
 * <p>Deliveries are acted on only while the GitHub plugin has a hook secret (Manage Jenkins » System » GitHub »
 * Shared secrets): without one it lets unsigned requests through, and anyone could make Fathomable look.
 */
@Extension
public final class GitHubWebhookSubscriber extends GHEventsSubscriber {

    private static final Logger LOG = Logger.getLogger(GitHubWebhookSubscriber.class.getName());

    private final AtomicBoolean warnedUnsigned = new AtomicBoolean();
    private final BooleanSupplier signed;
    private final Supplier<Webhooks> webhooks;

    public GitHubWebhookSubscriber() {
        this(GitHubWebhookSubscriber::signed, () -> FathomableEngine.get().engine().webhooks());
    }

    /**
     * @param signed   whether the GitHub plugin checks deliveries against a shared secret
     * @param webhooks the engine's receiver, asked per delivery (the engine is rebuilt when settings change)
     */
    GitHubWebhookSubscriber(BooleanSupplier signed, Supplier<Webhooks> webhooks) {
        this.signed = signed;
        this.webhooks = webhooks;
    }

    /** No job is triggered by these events: Fathomable is not a job. */
    @Override
    protected boolean isApplicable(Item item) {
        return false;
    }

    @Override
    protected Set<GHEvent> events() {
        return EnumSet.of(GHEvent.PUSH, GHEvent.CREATE, GHEvent.DELETE, GHEvent.PACKAGE, GHEvent.REGISTRY_PACKAGE,
                GHEvent.PING);
    }

    @Override
    protected void onEvent(GHSubscriberEvent event) {
        if (!signed.getAsBoolean()) {
            if (warnedUnsigned.compareAndSet(false, true)) {
                LOG.warning("Fathomable ignores GitHub webhooks until the GitHub plugin has a shared secret to check"
                        + " them with (Manage Jenkins » System » GitHub » Shared secrets)");
            }
            return;
        }
        String type = event.getGHEvent().name().toLowerCase(Locale.ROOT);
        try {
            Delivery d = webhooks.get().gitHub(type, event.getEventGuid(),
                    event.getPayload().getBytes(StandardCharsets.UTF_8));
            LOG.fine(() -> "GitHub " + type + " " + event.getEventGuid() + ": " + d.message());
        } catch (BadPayloadException e) {
            LOG.info("Fathomable ignored a GitHub " + type + " delivery: " + e.getMessage());
        } catch (ValidationException e) {
            LOG.fine(() -> "Fathomable is not configured, so it ignored a GitHub delivery: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Fathomable could not handle a GitHub " + type + " delivery", e);
        }
    }

    /** Whether the GitHub plugin checks deliveries against a shared secret. */
    static boolean signed() {
        for (HookSecretConfig config : GitHubPlugin.configuration().getHookSecretConfigs()) {
            if (config.getHookSecret() != null) {
                return true;
            }
        }
        return false;
    }
}
