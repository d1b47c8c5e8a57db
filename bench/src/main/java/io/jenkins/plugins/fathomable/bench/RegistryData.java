package io.jenkins.plugins.fathomable.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The registry's images: pushed once through the registry API into a cache directory keyed by the data version,
 * then copied for each run (a run pushes changes, which must not leak into the next run's cold cycle).
 */
final class RegistryData {

    private final Workload workload;
    private final Path cacheRoot;
    private final int threads;

    RegistryData(Workload workload, Path cacheRoot, int threads) {
        this.workload = workload;
        this.cacheRoot = cacheRoot;
        this.threads = threads;
    }

    /** A fresh copy of the cached storage in {@code runDir} (pushing the data first if the cache lacks it). */
    Path prepare(Path runDir) throws Exception {
        Path cached = cacheRoot.resolve(workload.dataVersion());
        Path ready = cached.resolve("READY");
        if (!Files.exists(ready)) {
            deleteTree(cached);
            Files.createDirectories(cached);
            long start = System.nanoTime();
            try (LocalRegistry registry = LocalRegistry.start(cached.resolve("storage"), cached)) {
                push(registry);
            }
            Files.writeString(ready, "pushed in " + (System.nanoTime() - start) / 1_000_000 + " ms\n");
            System.out.printf("registry data: pushed %d repositories x %d tags in %.1f s into %s%n", workload.images(),
                    Workload.TAGS.size(), (System.nanoTime() - start) / 1e9, cached);
        } else {
            System.out.println("registry data: reusing " + cached + " (" + Files.readString(ready).trim() + ")");
        }
        Path storage = runDir.resolve("storage");
        long start = System.nanoTime();
        Process copy = new ProcessBuilder("cp", "-a", cached.resolve("storage").toString(), storage.toString())
                .inheritIO().start();
        if (copy.waitFor() != 0) {
            throw new IOException("copying the cached registry storage failed");
        }
        System.out.printf("registry data: copied for this run in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return storage;
    }

    private void push(LocalRegistry registry) throws Exception {
        ImagePublisher publisher = new ImagePublisher(registry.baseUri());
        publisher.uploadBaseBlobs();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < workload.images(); i++) {
                String repository = Workload.imageRepository(i);
                done.add(pool.submit(() -> {
                    publisher.mountBlobs(repository);
                    for (String tag : Workload.TAGS) {
                        publisher.tag(repository, tag, 0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Changes 1% of the images: half are rebuilt (a new digest for every existing tag); the other half, followed by
     * SemVer constraints, get new tags {@code 1.1.1} and {@code 1.2.1} and a rebuilt {@code 2.0.0}.
     *
     * @return the changed image indexes
     */
    List<Integer> change(LocalRegistry registry) throws Exception {
        ImagePublisher publisher = new ImagePublisher(registry.baseUri());
        List<Integer> changed = new ArrayList<>();
        for (int c = 0; c < Math.max(1, workload.images() / 100); c++) {
            int image = 100 * c + (c % 2 == 0 ? 3 : 8);
            if (image >= workload.images()) {
                break;
            }
            String repository = Workload.imageRepository(image);
            if (workload.isSemverImage(image)) {
                publisher.tag(repository, "1.1.1", 1);
                publisher.tag(repository, "1.2.1", 1);
                publisher.tag(repository, "2.0.0", 1);
            } else {
                for (String tag : Workload.TAGS) {
                    publisher.tag(repository, tag, 1);
                }
            }
            changed.add(image);
        }
        return changed;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
