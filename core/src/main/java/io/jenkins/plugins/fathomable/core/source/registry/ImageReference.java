package io.jenkins.plugins.fathomable.core.source.registry;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference normalised the way Docker does it: {@code nginx} is {@code docker.io/library/nginx}, a first
 * path component with a {@code .} or {@code :} (or {@code localhost}) is a registry host, and {@code :tag} and
 * {@code @sha256:...} are split off.
 *
 * @param registry   registry host as written, with its port ({@code docker.io}, {@code ghcr.io}, {@code 127.0.0.1:5000})
 * @param repository path inside the registry ({@code library/nginx}, {@code acme/payments-api})
 * @param tag        the tag, or {@code null}
 * @param digest     the digest ({@code sha256:<64 hex>}), or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}");
    private static final Pattern HOST = Pattern.compile("(?:\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?");

    /** Parses a reference; problems are reported against {@code field}. */
    public static ImageReference parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required, e.g. ghcr.io/acme/app or nginx");
        }
        String rest = text.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new ValidationException(field, "digest '" + digest + "' must look like sha256:<hex>");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            checkTag(field, tag);
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0 && isRegistryHost(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            path = rest.substring(slash + 1);
            if (!HOST.matcher(registry).matches()) {
                throw new ValidationException(field, "registry host '" + registry + "' is not a valid host[:port]");
            }
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new ValidationException(field, "repository path component '" + component
                        + "' must be lower-case letters and digits, separated by '.', '_', '__' or '-'");
            }
        }
        return new ImageReference(registry, path, tag, digest);
    }

    public static ImageReference parse(String text) {
        return parse("image", text);
    }

    /** Checks a tag on its own: 1-128 of {@code [A-Za-z0-9_.-]}, not starting with '.' or '-'. */
    public static String checkTag(String field, String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new ValidationException(field, "tag '" + tag
                    + "' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }
        return tag;
    }

    /** Docker's rule: the first component names a registry if it has a '.' or ':', is localhost, or has capitals. */
    private static boolean isRegistryHost(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.toLowerCase(Locale.ROOT).equals(first);
    }

    /** {@code registry/repository}, the repository form stored in {@code ImageVersion}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The host the registry API is served from: Docker Hub's API lives on {@code registry-1.docker.io}. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, null);
    }

    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
