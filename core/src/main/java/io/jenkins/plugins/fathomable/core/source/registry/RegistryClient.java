package io.jenkins.plugins.fathomable.core.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tags and digests from OCI / Docker registries over the distribution API, without ever pulling an image:
 * a tag's digest comes from a {@code HEAD} of its manifest ({@code Docker-Content-Digest}); the manifest is
 * fetched only from registries that omit that header; blobs are never requested. Multi-arch images are tracked
 * by their index digest because the index media types are accepted.
 */
public final class RegistryClient {

    /** Index types first, so a multi-arch tag answers with its index (and the index digest) rather than one platform. */
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private record Host(RegistryConfig.Registry settings, String baseUrl, RegistryLimiter limiter, RegistryAuth auth) {}

    private final HttpClient http;
    private final RegistryConfig config;
    private final CredentialsPort credentials;
    private final RequestCounter counter;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    /**
     * @param http        the HTTP client (redirects {@code NORMAL} recommended); shared by all registries
     * @param config      per-registry credentials ids, insecure flags and limits
     * @param credentials resolves credentials ids at each token fetch
     * @param counter     counts every request made, by kind
     * @param clock       token expiry and registry pauses
     * @param sleeper     waits for the rate cap and backoff
     */
    public RegistryClient(HttpClient http, RegistryConfig config, CredentialsPort credentials, RequestCounter counter,
            Clock clock, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http");
        this.config = Objects.requireNonNull(config, "config");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public RequestCounter counter() {
        return counter;
    }

    /** The digest {@code image}'s tag points at now: one {@code HEAD} (plus a token fetch when one is due). */
    public String digest(ImageReference image) throws RegistryException {
        if (image.tag() == null) {
            throw new IllegalArgumentException("a tag is needed to look up a digest: " + image);
        }
        Host host = host(image);
        URI uri = URI.create(host.baseUrl() + image.repository() + "/manifests/" + image.tag());
        HttpResponse<Void> head = send(host, image, "HEAD", uri, HttpResponse.BodyHandlers.discarding());
        check(head, image, "HEAD manifest " + image.tag());
        Optional<String> header = head.headers().firstValue("Docker-Content-Digest");
        if (header.isPresent()) {
            return validDigest(header.get(), image);
        }
        // Some registries omit the header on HEAD; the digest is then the sha256 of the manifest bytes.
        HttpResponse<byte[]> get = send(host, image, "GET", uri, HttpResponse.BodyHandlers.ofByteArray());
        check(get, image, "GET manifest " + image.tag());
        Optional<String> getHeader = get.headers().firstValue("Docker-Content-Digest");
        return getHeader.isPresent() ? validDigest(getHeader.get(), image) : sha256(get.body());
    }

    /** Every tag of {@code image}'s repository, following {@code Link} pagination ({@code n=100} per page). */
    public List<String> tags(ImageReference image) throws RegistryException {
        Host host = host(image);
        List<String> tags = new ArrayList<>();
        URI uri = URI.create(host.baseUrl() + image.repository() + "/tags/list?n=" + PAGE_SIZE);
        for (int page = 0; uri != null; page++) {
            if (page == MAX_PAGES) {
                throw new RegistryException(Status.REGISTRY_ERROR, "registry " + image.registry() + " returned more than "
                        + MAX_PAGES + " pages of tags for " + image.repository());
            }
            HttpResponse<byte[]> response = send(host, image, "GET", uri, HttpResponse.BodyHandlers.ofByteArray());
            check(response, image, "tags/list");
            try {
                for (JsonNode tag : json.readTree(response.body()).path("tags")) {
                    tags.add(tag.asText());
                }
            } catch (IOException e) {
                throw new RegistryException(Status.REGISTRY_ERROR, "registry " + image.registry()
                        + " sent an unreadable tag list for " + image.repository(), e);
            }
            uri = nextPage(uri, response);
        }
        return List.copyOf(tags);
    }

    /** The last {@code ratelimit-remaining} a registry reported (Docker Hub), if it sent one. */
    public OptionalLong rateLimitRemaining(String registry) {
        Host host = hosts.get(registry);
        return host == null ? OptionalLong.empty() : host.limiter().rateLimitRemaining();
    }

    /** Docker's rule: plain HTTP is fine on the loopback interface, nowhere else unless configured. */
    static boolean isLoopback(String hostName) {
        return hostName != null && LOOPBACK.contains(hostName.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code https://HOST/v2/}; plain HTTP only for loopback hosts or registries configured insecure. */
    static String baseUrl(String apiHost, boolean insecure) {
        String hostName = URI.create("http://" + apiHost).getHost();
        return (insecure || isLoopback(hostName) ? "http" : "https") + "://" + apiHost + "/v2/";
    }

    private Host host(ImageReference image) {
        return hosts.computeIfAbsent(image.registry(), registry -> {
            RegistryConfig.Registry settings = config.forHost(registry);
            return new Host(settings, baseUrl(image.apiHost(), settings.insecure()),
                    new RegistryLimiter(registry, settings.limits(), clock, sleeper),
                    new RegistryAuth(settings, credentials, http, counter, clock));
        });
    }

    private <T> HttpResponse<T> send(Host host, ImageReference image, String method, URI uri,
            HttpResponse.BodyHandler<T> body) throws RegistryException {
        String scope = "repository:" + image.repository() + ":pull";
        RequestKind kind = kind(method, uri);
        try {
            boolean retried = false;
            while (true) {
                Optional<String> authorization = host.auth().authorization(scope);
                HttpResponse<T> response = host.limiter().execute(() -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                            .method(method, HttpRequest.BodyPublishers.noBody());
                    if (kind != RequestKind.TAGS_LIST) {
                        request.header("Accept", ACCEPT);
                    }
                    authorization.ifPresent(value -> request.header("Authorization", value));
                    counter.record(kind);
                    return http.send(request.build(), body);
                });
                if (response.statusCode() != 401 || !host.auth().onUnauthorized(response, scope, retried)) {
                    return response;
                }
                retried = true;
            }
        } catch (IOException e) {
            throw new RegistryException(Status.REGISTRY_ERROR, "registry " + image.registry() + " could not be reached: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Status.ERROR, "interrupted while polling registry " + image.registry(), e);
        }
    }

    private static RequestKind kind(String method, URI uri) {
        String path = uri.getPath();
        if (path.contains("/blobs/")) {
            return RequestKind.BLOB;
        }
        if (path.endsWith("/tags/list")) {
            return RequestKind.TAGS_LIST;
        }
        return method.equals("HEAD") ? RequestKind.HEAD_MANIFEST : RequestKind.GET_MANIFEST;
    }

    private static void check(HttpResponse<?> response, ImageReference image, String what) throws RegistryException {
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return;
        }
        Status status = switch (code) {
            case 401 -> Status.UNAUTHORIZED;
            case 403 -> Status.FORBIDDEN;
            case 404 -> Status.NOT_FOUND;
            case 429 -> Status.RATE_LIMITED;
            default -> Status.REGISTRY_ERROR;
        };
        throw new RegistryException(status, "registry " + image.registry() + " answered HTTP " + code + " to " + what
                + " of " + image.repository());
    }

    private static URI nextPage(URI current, HttpResponse<?> response) {
        for (String link : response.headers().allValues("Link")) {
            Matcher m = NEXT_LINK.matcher(link);
            if (m.find()) {
                return current.resolve(m.group(1));
            }
        }
        return null;
    }

    private static String validDigest(String digest, ImageReference image) throws RegistryException {
        String trimmed = digest.trim();
        if (!DIGEST.matcher(trimmed).matches()) {
            throw new RegistryException(Status.REGISTRY_ERROR, "registry " + image.registry()
                    + " sent a malformed digest for " + image.repository());
        }
        return trimmed;
    }

    private static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
