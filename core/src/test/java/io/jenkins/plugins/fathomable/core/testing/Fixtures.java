package io.jenkins.plugins.fathomable.core.testing;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;

/** Realistic values for tests: 40-hex commit and blob SHAs, sha256 digests, a fathomable.yaml body. */
public final class Fixtures {

    public static final String REPOSITORY = "ghcr.io/acme/payments-api";

    private Fixtures() {}

    public static Tracker tracker(String id) {
        return new Tracker(TrackerId.parse(id), "acme/payments", "deploy/fathomable.yaml", GitRef.DEFAULT,
                "github-token");
    }

    /** Config revision number {@code n}: distinct commit, blob and content per n. */
    public static ConfigRevision config(int n) {
        return new ConfigRevision(hex40("c", n), hex40("b", n), """
                apiVersion: fathomable.io/v1
                kind: Application
                metadata:
                  name: payments-api
                spec:
                  pattern: web-service
                  replicas: %d
                  image:
                    repository: ghcr.io/acme/payments-api
                    semver: "^1.4"
                """.formatted(n));
    }

    /**
     * A renderable web-service {@code fathomable.yaml}: {@code replicas} of image {@code repository}, its version
     * chosen by {@code version} ({@code tag: "1.4.2"}, {@code semver: "^1.4"}), serving HTTP on port 8080.
     */
    public static String webService(String name, int replicas, String repository, String version) {
        return """
                apiVersion: fathomable.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  pattern: web-service
                  replicas: %d
                  image:
                    repository: %s
                    %s
                  ports:
                    - name: http
                      port: 8080
                """.formatted(name, replicas, repository, version);
    }

    public static ImageVersion image(String tag, int digest) {
        return new ImageVersion(REPOSITORY, tag, "sha256:" + String.format("%064x", digest));
    }

    private static String hex40(String salt, int n) {
        return String.format("%040x", (salt.equals("c") ? 0xc0000000L : 0xb0000000L) + n);
    }
}
