package io.jenkins.plugins.fathomable.core.source.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Pushes small images to a {@link RegistryServer} through the distribution API, the way a build would: blob
 * uploads (POST, then PUT with the digest) and a manifest PUT. Content is random, so each push is a new digest.
 */
public final class ImagePusher {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    /** A pushed manifest: its bytes, media type and digest, so it can be tagged again cheaply. */
    public record Pushed(String digest, String mediaType, byte[] bytes) {}

    private final RegistryServer registry;
    private final HttpClient http = HttpClient.newHttpClient();

    ImagePusher(RegistryServer registry) {
        this.registry = registry;
    }

    /** A single-platform image with a fresh config and layer, tagged {@code tag}. */
    public Pushed image(String repository, String tag) throws IOException, InterruptedException {
        return image(repository, tag, "amd64");
    }

    public Pushed image(String repository, String tag, String architecture) throws IOException, InterruptedException {
        byte[] config = ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Labels\":{\"build\":\""
                + UUID.randomUUID() + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String configDigest = blob(repository, config);
        String layerDigest = blob(repository, layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}";
        return tag(repository, tag, new Pushed(sha256(manifest.getBytes(StandardCharsets.UTF_8)), OCI_MANIFEST,
                manifest.getBytes(StandardCharsets.UTF_8)));
    }

    /** A multi-arch OCI index over freshly pushed amd64 and arm64 images, tagged {@code tag}. */
    public Pushed index(String repository, String tag) throws IOException, InterruptedException {
        Pushed amd64 = image(repository, "tmp-amd64-" + UUID.randomUUID(), "amd64");
        Pushed arm64 = image(repository, "tmp-arm64-" + UUID.randomUUID(), "arm64");
        StringBuilder index = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[");
        List<Pushed> platforms = List.of(amd64, arm64);
        List<String> arch = List.of("amd64", "arm64");
        for (int i = 0; i < platforms.size(); i++) {
            index.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":\"")
                    .append(platforms.get(i).digest()).append("\",\"size\":").append(platforms.get(i).bytes().length)
                    .append(",\"platform\":{\"architecture\":\"").append(arch.get(i)).append("\",\"os\":\"linux\"}}");
        }
        byte[] bytes = index.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        return tag(repository, tag, new Pushed(sha256(bytes), OCI_INDEX, bytes));
    }

    /** PUTs an already pushed manifest under another tag (no blob upload needed). */
    public Pushed tag(String repository, String tag, Pushed manifest) throws IOException, InterruptedException {
        HttpRequest.Builder put = request(repository, URI.create(registry.baseUri() + repository + "/manifests/" + tag))
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()));
        HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("manifest PUT " + repository + ":" + tag + " answered " + response.statusCode() + " " + response.body());
        }
        return manifest;
    }

    private String blob(String repository, byte[] content) throws IOException, InterruptedException {
        String digest = sha256(content);
        HttpResponse<String> start = http.send(request(repository, URI.create(registry.baseUri() + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (start.statusCode() != 202) {
            throw new IOException("blob upload POST answered " + start.statusCode() + " " + start.body());
        }
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(registry.baseUri().toString()).resolve(location);
        String separator = upload.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> put = http.send(request(repository, URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IOException("blob upload PUT answered " + put.statusCode() + " " + put.body());
        }
        return digest;
    }

    private HttpRequest.Builder request(String repository, URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        String authorization = registry.pushAuthorization(repository);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
