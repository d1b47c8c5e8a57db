package io.jenkins.plugins.fathomable.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.render.RenderContext;
import io.jenkins.plugins.fathomable.core.render.Renderer;
import io.jenkins.plugins.fathomable.core.render.YamlWriter;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rendering throughput on one thread: the repository's four example apps ({@code examples/}), each in every
 * environment, rendered in turn after a warm-up; once to fabric8 objects only and once including the YAML text
 * that is applied.
 */
final class RenderBench {

    private static final List<String> EXAMPLES = List.of("web-service", "worker", "cron-job", "stateful-service");
    private static final List<String> ENVIRONMENTS = List.of("dev", "ha", "preprod", "prod");

    private record Job(AppSpec spec, RenderContext context) {}

    private final List<Job> jobs = new ArrayList<>();
    private final YamlWriter yaml = new YamlWriter();

    RenderBench() throws IOException {
        for (String name : EXAMPLES) {
            AppSpec spec;
            try (InputStream in = RenderBench.class.getResourceAsStream("/examples/" + name + ".yaml")) {
                if (in == null) {
                    throw new IOException("examples/" + name + ".yaml is not on the class path");
                }
                spec = SpecParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).orThrow();
            }
            for (String env : ENVIRONMENTS) {
                jobs.add(new Job(spec, new RenderContext(env, "bench-" + env, TrackerId.parse("bench." + name),
                        GitHubStandIn.sha1(name), new ImageVersion("registry.example.com/acme/" + name, "1.4.2",
                                "sha256:" + "ab".repeat(32)))));
            }
        }
    }

    /** Apps per second over {@code seconds} after a warm-up of the same length. */
    Rate appsPerSecond(boolean withYaml, double seconds) {
        Rate.measure(seconds, () -> renderAll(withYaml));
        return Rate.measure(seconds, () -> renderAll(withYaml));
    }

    private long renderAll(boolean withYaml) {
        long sink = 0;
        for (Job job : jobs) {
            List<HasMetadata> objects = Renderer.render(job.spec(), job.context());
            sink += withYaml ? yaml.writeAll(objects).length() : objects.size();
        }
        if (sink == 0) {
            throw new IllegalStateException("nothing rendered");
        }
        return jobs.size();
    }
}
