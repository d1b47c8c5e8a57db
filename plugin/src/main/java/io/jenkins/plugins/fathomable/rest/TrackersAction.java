package io.jenkins.plugins.fathomable.rest;

import hudson.Extension;
import hudson.model.InvisibleAction;
import hudson.model.RootAction;
import hudson.security.ACL;
import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.engine.FathomableEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.springframework.security.core.Authentication;

/**
 * The tracker REST API at {@code JENKINS_URL/trackers/}: every method and path below it goes to core's
 * {@link TrackerApi} ({@code doIndex} for the collection, {@code doDynamic} for {@code /trackers/{group.name}} and
 * the release operations below it, such as {@code /trackers/{group.name}/releases/3/approve?environment=prod}).
 * The caller's Jenkins permissions are decided first and the body is read only if they suffice. CSRF: Jenkins'
 * crumb filter checks POSTs only and exempts API-token requests, so scripts need no crumb; browser sessions do.
 * Not in the side panel (no icon, no display name).
 */
@Extension
public final class TrackersAction extends InvisibleAction implements RootAction {

    static final String URL_NAME = "trackers";

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        serve(req, rsp);
    }

    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        serve(req, rsp);
    }

    private void serve(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins jenkins = Jenkins.get();
        Authentication auth = Jenkins.getAuthentication2();
        Caller caller = ApiPermissions.caller(auth == null ? null : auth.getName(), auth == null || ACL.isAnonymous2(auth),
                jenkins.hasPermission(Jenkins.ADMINISTER), jenkins.hasPermission(Jenkins.SYSTEM_READ));
        String method = req.getMethod();
        byte[] body = ApiPermissions.allowed(caller, method) ? ApiExchange.body(req.getInputStream()) : new byte[0];
        ApiRequest request = ApiExchange.request(method, req.getRestOfPath(), req.getQueryString(), headers(req), body,
                caller);
        TrackerApi api;
        try {
            api = FathomableEngine.get().engine().api();
        } catch (ValidationException e) {
            rsp.setStatus(503);
            rsp.setContentType("application/json; charset=utf-8");
            rsp.getOutputStream().write(("{\"error\":\"not_configured\",\"message\":\"the Fathomable configuration is "
                    + "invalid; fix it under Manage Jenkins » System\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        ApiExchange.write(api.handle(request), method.equalsIgnoreCase("HEAD"), new ApiExchange.Sink() {
            @Override
            public void status(int status) {
                rsp.setStatus(status);
            }

            @Override
            public void header(String name, String value) {
                rsp.setHeader(name, value);
            }

            @Override
            public OutputStream body() throws IOException {
                return rsp.getOutputStream();
            }
        });
    }

    private static Map<String, List<String>> headers(StaplerRequest2 req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Cookie")) {
                headers.put(name, Collections.list(req.getHeaders(name)));
            }
        }
        return headers;
    }
}
