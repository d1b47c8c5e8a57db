package io.jenkins.plugins.fathomable.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pushes images the way a build does, through the distribution API, but cheaply: one config and one layer blob are
 * uploaded once to a base repository and cross-repository mounted into every other repository
 * ({@code POST /v2/NAME/blobs/uploads/?mount=DIGEST&from=BASE}); each tag then gets its own manifest, made unique
 * (a new digest) by an annotation naming repository, tag and generation.
 */
final class ImagePublisher {

    private static final String BASE = "bench/base";
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] layer = "fathomable benchmark layer".getBytes(StandardCharsets.UTF_8);
    private final String configDigest = sha256(config);
    private final String layerDigest = sha256(layer);

    ImagePublisher(URI registryBase) {
        this.base = registryBase;
    }

    /** Uploads the shared blobs to the base repository (once per registry storage). */
    void uploadBaseBlobs() throws IOException, InterruptedException {
        upload(config);
        upload(layer);
    }

    /** Makes the shared blobs part of {@code repository} without uploading them again. */
    void mountBlobs(String repository) throws IOException, InterruptedException {
        for (String digest : new String[] {configDigest, layerDigest}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(repository + "/blobs/uploads/?mount="
                    + digest + "&from=" + BASE)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IOException("mount of " + digest + " into " + repository + " answered " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** PUTs a manifest for {@code repository:tag}; returns its digest. */
    String tag(String repository, String tag, int generation) throws IOException, InterruptedException {
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}],\"annotations\":{\"io.fathomable.bench.build\":\"" + repository + ":" + tag
                + ":" + generation + "\"}}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(repository + "/manifests/" + tag))
                .header("Content-Type", MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("manifest PUT " + repository + ":" + tag + " answered " + r.statusCode() + " " + r.body());
        }
        return sha256(manifest);
    }

    private void upload(byte[] content) throws IOException, InterruptedException {
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(base.resolve(BASE + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (start.statusCode() != 202) {
            throw new IOException("blob upload POST answered " + start.statusCode() + " " + start.body());
        }
        URI upload = base.resolve(start.headers().firstValue("Location").orElseThrow());
        String separator = upload.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + sha256(content)))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IOException("blob upload PUT answered " + put.statusCode() + " " + put.body());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
