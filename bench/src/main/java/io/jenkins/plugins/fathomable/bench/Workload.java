package io.jenkins.plugins.fathomable.bench;

import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's data set, computed from its sizes alone so every run (and the registry cache) sees the same
 * thing. Images {@code team-K/app-NNNN} carry {@link #TAGS}; tracker {@code j} follows image {@code j % images}, so
 * each image is shared by {@code trackers / images} trackers. Three in ten images are followed by SemVer
 * constraints, the rest by fixed tags. Two trackers share each GitHub repository (root file and a second path);
 * one in twenty names a branch, the rest follow the default branch. Every tracker reads GitHub with the same token:
 * odd trackers through one shared credentials id ({@link #SHARED_CREDENTIALS}, as configured in Jenkins), even ones
 * through a credentials id of their own, as the REST API stores a token posted with a tracker.
 */
record Workload(int images, int trackers) {

    static final List<String> TAGS = List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0");
    static final String SHARED_CREDENTIALS = "github-reader";
    private static final List<String> CONSTRAINTS = List.of("^1.0", "~1.1", ">=1.0 <3");

    /** Identifies the pushed registry data; bump when {@link #TAGS} or the manifest layout changes. */
    String dataVersion() {
        return "v1-images" + images;
    }

    static String imageRepository(int image) {
        return String.format("team-%02d/app-%04d", image % 50, image);
    }

    int imageOf(int tracker) {
        return tracker % images;
    }

    boolean isSemverImage(int image) {
        return image % 10 >= 7;
    }

    /** The {@code spec.image} policy line of tracker {@code j}: {@code tag: "x"} or {@code semver: "c"}. */
    String policy(int tracker) {
        int image = imageOf(tracker);
        int k = tracker / images;
        return isSemverImage(image) ? "semver: \"" + CONSTRAINTS.get(k % CONSTRAINTS.size()) + "\""
                : "tag: \"" + TAGS.get(k % TAGS.size()) + "\"";
    }

    static String repo(int tracker) {
        int pair = tracker / 2;
        return "bench-org-" + (pair % 50) + "/svc-" + pair;
    }

    static String path(int tracker) {
        return tracker % 2 == 0 ? "fathomable.yaml" : "deploy/worker/fathomable.yaml";
    }

    static String branch(int tracker) {
        return tracker % 20 == 1 ? "release" : null;
    }

    static String yaml(String registryHost, int image, String policy, int tracker) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: app-" + tracker + "\nspec:\n"
                + "  pattern: web-service\n  image:\n    repository: " + registryHost + "/" + imageRepository(image)
                + "\n    " + policy + "\n  replicas: 2\n  ports:\n    - name: http\n      port: 8080\n";
    }

    List<Tracker> buildTrackers() {
        List<Tracker> list = new ArrayList<>(trackers);
        for (int j = 0; j < trackers; j++) {
            String id = "g" + (j / 100) + ".app-" + j;
            list.add(Tracker.of(id, repo(j), path(j), null, branch(j), null,
                    j % 2 == 1 ? SHARED_CREDENTIALS : "fathomable-" + id));
        }
        return list;
    }
}
