package io.jenkins.plugins.fathomable.webhooks;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Registries post their notifications without a Jenkins crumb (they cannot fetch one); the receiver proves the sender
 * with its own bearer token instead. Exactly one path is exempt: {@code /fathomable-webhook/registry}.
 */
@Extension
public final class RegistryWebhookCrumbExclusion extends CrumbExclusion {

    static final String PATH = "/" + RegistryWebhookAction.URL_NAME + "/registry";

    @Override
    public boolean process(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getPathInfo();
        if (PATH.equals(path) || (PATH + "/").equals(path)) {
            chain.doFilter(req, resp);
            return true;
        }
        return false;
    }
}
