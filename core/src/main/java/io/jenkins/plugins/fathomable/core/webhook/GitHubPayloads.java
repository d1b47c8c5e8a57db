package io.jenkins.plugins.fathomable.core.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.validation.Printable;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads GitHub webhook deliveries into {@link Hint}s: {@code push} (branches and tags), {@code create} and
 * {@code delete} (tags and branches), {@code package} and {@code registry_package} (container images on GHCR) and
 * {@code ping}. Other events say nothing Fathomable acts on. Only the fields that say where to look are read.
 */
public final class GitHubPayloads {

    /** The events this reader acts on, as GitHub names them in {@code X-GitHub-Event}. */
    public static final Set<String> EVENTS = Set.of("push", "create", "delete", "package", "registry_package", "ping");

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** GitHub Container Registry, where {@code package} events of type container live. */
    static final String GHCR = "ghcr.io";

    private GitHubPayloads() {}

    /** Whether {@code event} is one Fathomable acts on. */
    public static boolean handles(String event) {
        return event != null && EVENTS.contains(event.toLowerCase(Locale.ROOT));
    }

    /**
     * The hints of one delivery.
     *
     * @param event   the {@code X-GitHub-Event} header, e.g. {@code push}
     * @param payload the body (JSON)
     * @return empty for an event Fathomable does not act on (or a package that is not a container)
     * @throws BadPayloadException if the body is not the JSON GitHub sends for this event
     */
    public static List<Hint> read(String event, byte[] payload) {
        String type = event == null ? "" : event.toLowerCase(Locale.ROOT);
        if (!EVENTS.contains(type)) {
            return List.of();
        }
        JsonNode root = parse(payload);
        return switch (type) {
            case "push" -> push(root);
            case "create", "delete" -> createOrDelete(type, root);
            case "ping" -> List.of(new Hint.RepositoryPinged(optionalRepo(root)));
            default -> containerPackage(type, root);
        };
    }

    static JsonNode parse(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || !root.isObject()) {
                throw new BadPayloadException("the body must be one JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new BadPayloadException("the body is not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new BadPayloadException("the body could not be read: " + e.getMessage());
        }
    }

    private static List<Hint> push(JsonNode root) {
        String ref = text(root, "ref", "push");
        if (!ref.startsWith("refs/heads/") && !ref.startsWith("refs/tags/")) {
            return List.of(); // notes, pull request heads...: no tracker follows them
        }
        return List.of(new Hint.RefMoved(repo(root, "push"), ref, defaultBranch(root)));
    }

    private static List<Hint> createOrDelete(String type, JsonNode root) {
        String name = text(root, "ref", type);
        String kind = text(root, "ref_type", type);
        String ref = switch (kind) {
            case "tag" -> "refs/tags/" + name;
            case "branch" -> "refs/heads/" + name;
            default -> null; // a repository was created: nothing to look at
        };
        return ref == null ? List.of() : List.of(new Hint.RefMoved(repo(root, type), ref, defaultBranch(root)));
    }

    /** {@code package} ({@code package.package_type: container}) and {@code registry_package} (upper case). */
    private static List<Hint> containerPackage(String type, JsonNode root) {
        JsonNode pkg = root.path(type.equals("package") ? "package" : "registry_package");
        if (!pkg.isObject()) {
            throw new BadPayloadException(type + ": '" + (type.equals("package") ? "package" : "registry_package")
                    + "' is missing");
        }
        if (!"container".equalsIgnoreCase(pkg.path("package_type").asText(""))) {
            return List.of(); // npm, maven...: not an image
        }
        String namespace = pkg.path("namespace").asText(pkg.path("owner").path("login").asText(""));
        String name = pkg.path("name").asText("");
        JsonNode version = pkg.path("package_version");
        String tag = version.path("container_metadata").path("tag").path("name").asText("");
        if (namespace.isEmpty() || name.isEmpty()) {
            throw new BadPayloadException(type + ": the package's namespace and name are required");
        }
        if (tag.isEmpty()) {
            return List.of(); // an untagged manifest (a platform of a multi-arch image): no tracker follows it
        }
        try {
            ImageReference image = ImageReference.parse("package", GHCR + "/" + namespace.toLowerCase(Locale.ROOT) + "/"
                    + name.toLowerCase(Locale.ROOT));
            return List.of(new Hint.TagPushed(image.name(), ImageReference.checkTag("tag", tag)));
        } catch (ValidationException e) {
            throw new BadPayloadException(type + ": " + e.getMessage());
        }
    }

    private static String repo(JsonNode root, String event) {
        String repo = optionalRepo(root);
        if (repo == null) {
            throw new BadPayloadException(event + ": 'repository.full_name' is required");
        }
        return repo;
    }

    private static String optionalRepo(JsonNode root) {
        JsonNode name = root.path("repository").path("full_name");
        if (!name.isTextual()) {
            return null;
        }
        String repo = name.asText();
        if (repo.indexOf('/') <= 0 || repo.indexOf('/') != repo.lastIndexOf('/') || !Printable.isClean(repo, 200)) {
            throw new BadPayloadException("'repository.full_name' must be owner/name");
        }
        return repo;
    }

    private static String defaultBranch(JsonNode root) {
        JsonNode branch = root.path("repository").path("default_branch");
        if (branch.isTextual()) {
            return branch.asText();
        }
        // push payloads name it as "master_branch" too
        JsonNode master = root.path("repository").path("master_branch");
        return master.isTextual() ? master.asText() : null;
    }

    private static String text(JsonNode root, String field, String event) {
        JsonNode node = root.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new BadPayloadException(event + ": '" + field + "' is required");
        }
        if (!Printable.isClean(node.asText(), 1024)) {
            throw new BadPayloadException(event + ": '" + field + "' is not one printable line");
        }
        return node.asText();
    }
}
