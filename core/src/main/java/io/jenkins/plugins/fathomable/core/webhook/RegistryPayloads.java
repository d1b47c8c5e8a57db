package io.jenkins.plugins.fathomable.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads registry notifications into {@link Hint.TagPushed}s. Three forms:
 * <ul>
 * <li>the CNCF distribution notification envelope ({@code {"events": [...]}}, media type
 * {@code application/vnd.docker.distribution.events.v1+json}), sent by {@code docker-registry} and registries built on
 * it: each {@code push} or {@code delete} of a tagged manifest names {@code target.repository} and {@code target.tag}
 * on the host the client used ({@code request.host}, else the host of {@code target.url});</li>
 * <li>Docker Hub webhooks ({@code push_data.tag}, {@code repository.repo_name}) on {@code docker.io};</li>
 * <li>Harbor's webhooks ({@code type: PUSH_ARTIFACT}, {@code event_data.resources[].resource_url}).</li>
 * </ul>
 * Pulls, blob uploads and untagged manifests name no tag a tracker follows and are skipped. A pushed manifest's digest
 * is kept as {@link Hint.TagPushed#announced()}, only to tell whether a look came too early; the digest deployed is
 * always the one the registry answers.
 */
public final class RegistryPayloads {

    private static final Set<String> ACTIONS = Set.of("push", "delete");

    private RegistryPayloads() {}

    /**
     * @param payload  the body
     * @param registry the registry host the sender stands for ({@code registry.example.com:5000}), overriding what
     *                 the body says, or {@code null} to take it from the body
     * @throws BadPayloadException if the body is none of the three forms
     */
    public static List<Hint> read(byte[] payload, String registry) {
        JsonNode root = GitHubPayloads.parse(payload);
        Set<Hint> hints = new LinkedHashSet<>();
        if (root.has("events")) {
            distribution(root.get("events"), registry, hints);
        } else if (root.has("push_data")) {
            dockerHub(root, registry, hints);
        } else if (root.has("event_data") && root.has("type")) {
            harbor(root, registry, hints);
        } else {
            throw new BadPayloadException("not a registry notification: expected 'events' (distribution), "
                    + "'push_data' (Docker Hub) or 'event_data' (Harbor)");
        }
        return List.copyOf(hints);
    }

    /** One notification's event id per event, for telling a redelivery apart (distribution retries on failure). */
    public static List<String> eventIds(byte[] payload) {
        JsonNode events = GitHubPayloads.parse(payload).path("events");
        List<String> ids = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("id").isTextual()) {
                ids.add(e.path("id").asText());
            }
        });
        return ids;
    }

    private static void distribution(JsonNode events, String registry, Set<Hint> hints) {
        if (!events.isArray()) {
            throw new BadPayloadException("'events' must be a list");
        }
        for (JsonNode e : events) {
            if (!e.isObject()) {
                throw new BadPayloadException("each of 'events' must be an object");
            }
            String action = e.path("action").asText("");
            JsonNode target = e.path("target");
            String tag = target.path("tag").asText("");
            if (!ACTIONS.contains(action) || tag.isEmpty()) {
                continue; // pulls, blobs, pushes by digest
            }
            String repository = target.path("repository").asText("");
            if (repository.isEmpty()) {
                throw new BadPayloadException("events[].target.repository is required for a " + action);
            }
            String host = registry != null ? registry : host(e);
            hints.add(tagPushed(host, repository, tag, action.equals("push") ? digest(target.path("digest")) : null));
        }
    }

    private static String host(JsonNode event) {
        String host = event.path("request").path("host").asText("");
        if (host.isEmpty()) {
            try {
                URI url = URI.create(event.path("target").path("url").asText(""));
                host = url.getRawAuthority() == null ? "" : url.getRawAuthority();
            } catch (IllegalArgumentException e) {
                host = "";
            }
        }
        if (host.isEmpty()) {
            throw new BadPayloadException("the event names no registry host (request.host or target.url)");
        }
        return host;
    }

    private static void dockerHub(JsonNode root, String registry, Set<Hint> hints) {
        String tag = root.path("push_data").path("tag").asText("");
        String name = root.path("repository").path("repo_name").asText("");
        if (name.isEmpty()) {
            throw new BadPayloadException("Docker Hub: 'repository.repo_name' is required");
        }
        if (!tag.isEmpty()) {
            hints.add(tagPushed(registry != null ? registry : ImageReference.DOCKER_HUB, name, tag, null));
        }
    }

    private static void harbor(JsonNode root, String registry, Set<Hint> hints) {
        String type = root.path("type").asText("").toUpperCase(Locale.ROOT);
        if (!type.equals("PUSH_ARTIFACT") && !type.equals("DELETE_ARTIFACT")) {
            return;
        }
        for (JsonNode resource : root.path("event_data").path("resources")) {
            String url = resource.path("resource_url").asText("");
            String tag = resource.path("tag").asText("");
            if (url.isEmpty() || tag.isEmpty()) {
                continue;
            }
            ImageReference ref = reference(url);
            hints.add(tagPushed(registry != null ? registry : ref.registry(), ref.repository(), tag,
                    type.equals("PUSH_ARTIFACT") ? digest(resource.path("digest")) : null));
        }
    }

    /** A well-formed digest, or {@code null}: a malformed one only costs the retries it would have asked for. */
    private static String digest(JsonNode node) {
        String d = node.asText("");
        return d.matches("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}") ? d : null;
    }

    private static Hint.TagPushed tagPushed(String host, String repository, String tag, String announced) {
        // Docker Hub's API host stands for docker.io, as image references write it
        String registry = host.equalsIgnoreCase("registry-1.docker.io") ? ImageReference.DOCKER_HUB : host;
        ImageReference ref = reference(registry + "/" + repository);
        try {
            return new Hint.TagPushed(ref.name(), ImageReference.checkTag("tag", tag), announced);
        } catch (ValidationException e) {
            throw new BadPayloadException(e.getMessage());
        }
    }

    private static ImageReference reference(String text) {
        try {
            return ImageReference.parse("repository", text);
        } catch (ValidationException e) {
            throw new BadPayloadException(e.getMessage());
        }
    }
}
