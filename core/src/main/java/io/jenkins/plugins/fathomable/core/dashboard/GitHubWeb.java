package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Links to GitHub's web pages for what the API URL points at: {@code https://api.github.com} is {@code github.com};
 * a GitHub Enterprise Server API ({@code https://HOST/api/v3}) is {@code https://HOST}; anything else (a proxy, a
 * stand-in on the loopback interface) keeps its scheme, host and port.
 */
public final class GitHubWeb {

    private final String base;

    private GitHubWeb(String base) {
        this.base = base;
    }

    /** @param apiUrl the configured GitHub API URL; empty or {@code null} for github.com */
    public static GitHubWeb forApi(String apiUrl) {
        if (apiUrl == null || apiUrl.isBlank()) {
            return new GitHubWeb("https://github.com");
        }
        String url = apiUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new GitHubWeb("https://github.com");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("api.github.com")) {
            return new GitHubWeb("https://github.com");
        }
        if (host.startsWith("api.") && host.endsWith(".ghe.com")) {
            // GitHub Enterprise Cloud with data residency: api.SUBDOMAIN.ghe.com serves SUBDOMAIN.ghe.com
            return new GitHubWeb(uri.getScheme() + "://" + host.substring(4));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/api/v3")) {
            path = path.substring(0, path.length() - "/api/v3".length());
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return new GitHubWeb(uri.getScheme() + "://" + uri.getHost() + port + path);
    }

    /** {@code https://github.com}, or the Enterprise server's address. */
    public String base() {
        return base;
    }

    public String repository(String repo) {
        return base + "/" + path(repo);
    }

    /** The tree the tracker follows: its tag, branch or commit, or the repository for the default branch. */
    public String ref(Tracker tracker) {
        GitRef ref = tracker.ref();
        return ref.kind() == GitRef.Kind.DEFAULT_BRANCH ? repository(tracker.repo())
                : repository(tracker.repo()) + "/tree/" + path(ref.value());
    }

    public String commit(String repo, String sha) {
        return repository(repo) + "/commit/" + path(sha);
    }

    /** The file at a commit. */
    public String file(String repo, String commitSha, String filePath) {
        return repository(repo) + "/blob/" + path(commitSha) + "/" + path(filePath);
    }

    private static String path(String text) {
        return Arrays.stream(text.split("/", -1))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
