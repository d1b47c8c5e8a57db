package io.jenkins.plugins.fathomable.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook bodies as GitHub, Docker Hub, Harbor and {@code docker-registry} send them (test resources under
 * {@code webhooks/}), with their {@code ${placeholders}} filled in.
 */
public final class WebhookPayloads {

    private WebhookPayloads() {}

    /** A body from {@code webhooks/<name>}; {@code ${repo}} also fills {@code ${owner}} and {@code ${name}}. */
    public static byte[] load(String name, Map<String, String> values) {
        String text;
        try (InputStream in = WebhookPayloads.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource webhooks/" + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("before", "0".repeat(40));
        all.put("after", "1".repeat(40));
        all.put("default_branch", "main");
        all.put("blob_event", UUID.randomUUID().toString());
        all.put("manifest_event", UUID.randomUUID().toString());
        all.put("digest", "sha256:" + "ab".repeat(32));
        String repo = values.get("repo");
        if (repo != null) {
            all.put("owner", repo.substring(0, repo.indexOf('/')));
            all.put("name", repo.substring(repo.indexOf('/') + 1));
        }
        all.putAll(values);
        for (Map.Entry<String, String> e : all.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("webhooks/" + name + " still has a placeholder: "
                    + text.substring(text.indexOf("${"), text.indexOf('}', text.indexOf("${")) + 1));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A push of {@code ref} (e.g. {@code refs/heads/main}) to {@code repo}, its head now {@code after}. */
    public static byte[] push(String repo, String ref, String after) {
        return load("github-push.json", Map.of("repo", repo, "ref", ref, "after", after));
    }

    /** A distribution notification: a blob upload, then the manifest pushed as {@code repository:tag}. */
    public static byte[] distribution(String host, String repository, String tag) {
        return load("registry-distribution.json", Map.of("host", host, "repository", repository, "tag", tag));
    }
}
