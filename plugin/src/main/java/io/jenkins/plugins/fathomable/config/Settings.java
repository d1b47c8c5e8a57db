package io.jenkins.plugins.fathomable.config;

import io.jenkins.plugins.fathomable.core.deploy.ClusterConfig;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Maps the configured registries, allow-list and environments to what core takes, checking each whole list before
 * anything is kept. Errors name the entry ({@code environments[1].namespace}).
 */
public final class Settings {

    public static final String DEFAULT_GITHUB_API = "https://api.github.com";
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private Settings() {
    }

    /** The flow in {@code order} (ties keep the listed order); none configured: dev, ha, preprod, prod in-cluster. */
    static FlowConfig flow(List<EnvironmentEntry> entries) {
        if (entries.isEmpty()) {
            return FlowConfig.defaults();
        }
        List<FieldError> errors = new ArrayList<>();
        List<EnvironmentConfig> envs = new ArrayList<>();
        List<Integer> positions = IntStream.range(0, entries.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> entries.get(i).getOrder()).thenComparingInt(i -> i))
                .toList();
        for (int i : positions) {
            try {
                envs.add(entries.get(i).toEnvironment());
            } catch (ValidationException e) {
                e.errors().forEach(err -> errors.add(new FieldError("environments[" + i + "]." + err.field(), err.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        try {
            return new FlowConfig(envs);
        } catch (ValidationException e) {
            throw new ValidationException(e.errors().stream().map(err -> new FieldError("environments", err.message())).toList());
        }
    }

    /** How to reach each environment's cluster, by the cluster reference (the environment name). */
    public static Map<String, ClusterConfig> clusters(List<EnvironmentEntry> entries) {
        Map<String, ClusterConfig> clusters = new LinkedHashMap<>();
        if (entries.isEmpty()) {
            clusters.put("default", new ClusterConfig.InCluster()); // the cluster FlowConfig.defaults() names
        }
        for (EnvironmentEntry e : entries) {
            clusters.put(e.getName(), e.toCluster());
        }
        return clusters;
    }

    static RegistryConfig registries(List<RegistryEntry> entries) {
        List<FieldError> errors = new ArrayList<>();
        RegistryConfig config = RegistryConfig.anonymous();
        Set<String> hosts = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                RegistryConfig.Registry registry = entries.get(i).toRegistry();
                if (!hosts.add(registry.host())) {
                    errors.add(new FieldError("registries[" + i + "].host", "'" + registry.host() + "' is listed twice"));
                }
                config = config.with(registry);
            } catch (ValidationException e) {
                int index = i;
                e.errors().forEach(err -> errors.add(new FieldError("registries[" + index + "]." + err.field(), err.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return config;
    }

    /** The allow-list: hosts separated by commas, spaces or new lines; empty means every host may be contacted. */
    static Set<String> allowedHosts(String text) {
        Set<String> hosts = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        if (text != null) {
            for (String token : text.split("[,\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                List<String> problems = RegistryEntry.checkHost(token);
                if (problems.isEmpty()) {
                    hosts.add(token.toLowerCase(Locale.ROOT));
                } else {
                    problems.forEach(p -> errors.add(new FieldError("allowedRegistryHosts", p)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return Set.copyOf(hosts);
    }

    /**
     * {@code null}/blank: github.com; otherwise an https URL (GitHub Enterprise: {@code https://HOST/api/v3}). Plain
     * {@code http://} only on the loopback interface (a GitHub stand-in or a local proxy on this machine), as Docker
     * allows for registries: nothing else would protect the token sent with each request.
     */
    static String githubApiUrl(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_GITHUB_API;
        }
        String url = text.trim();
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("https".equalsIgnoreCase(scheme)
                    || "http".equalsIgnoreCase(scheme) && isLoopback(uri.getHost()))) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ValidationException("githubApiUrl", "must be an https:// URL such as " + DEFAULT_GITHUB_API
                + " or https://github.example.com/api/v3 (http:// only for localhost, 127.x.x.x or [::1]), got '"
                + url + "'");
    }

    /** {@code localhost}, an address in 127.0.0.0/8 or {@code [::1]}, by name only: nothing is resolved. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || LOOPBACK_V4.matcher(h).matches();
    }

}
