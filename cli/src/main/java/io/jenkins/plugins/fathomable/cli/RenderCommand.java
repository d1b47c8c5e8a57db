package io.jenkins.plugins.fathomable.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.render.RenderContext;
import io.jenkins.plugins.fathomable.core.render.Renderer;
import io.jenkins.plugins.fathomable.core.render.YamlWriter;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.ParseResult;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fathomable render FILE --env ENV --digest sha256:...}: the Kubernetes objects a release would apply. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders the Kubernetes objects of one environment, pinned to an image digest.",
                "Writes multi-document YAML to standard output, or one file per object with -o.",
                "Exit status: 0 rendered, 1 invalid fathomable.yaml, 2 bad options."})
public final class RenderCommand implements Callable<Integer> {

    /** Context fields as the options that set them, for error messages. */
    private static final Map<String, String> OPTION_OF = Map.of("environment", "--env", "namespace", "--namespace",
            "tracker", "--tracker", "gitCommit", "--commit", "image.digest", "--digest", "image.tag", "--tag");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the fathomable.yaml to render")
    Path file;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "dev, ha, preprod or prod")
    String environment;

    @Option(names = "--digest", required = true, paramLabel = "sha256:...",
            description = "the image digest to pin (the registry's manifest digest)")
    String digest;

    @Option(names = "--tag", paramLabel = "TAG",
            description = "the image tag (default: spec.image.tag; required when the file uses semver)")
    String tag;

    @Option(names = "--tracker", paramLabel = "group.name", description = "the tracker id (default: local.NAME)")
    String tracker;

    @Option(names = "--commit", paramLabel = "SHA", description = "the git commit of the file (default: unknown)")
    String commit = RenderContext.UNKNOWN_COMMIT;

    @Option(names = "--namespace", paramLabel = "NS", description = "the namespace (default: NAME-ENV)")
    String namespace;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "write one file per object into DIR (created if missing) instead of standard output")
    Path outputDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ParseResult parsed = SpecFiles.parse(file);
        if (!parsed.isValid()) {
            parsed.errors().forEach(e -> err.println(file + ": " + e));
            err.flush();
            return 1;
        }
        AppSpec app = parsed.spec();
        RenderContext ctx;
        try {
            ctx = context(app);
        } catch (ValidationException e) {
            for (FieldError fe : e.errors()) {
                err.println(OPTION_OF.getOrDefault(fe.field(), fe.field()) + ": " + fe.message());
            }
            err.flush();
            return 2;
        }
        List<HasMetadata> objects = Renderer.render(app, ctx);
        YamlWriter writer = new YamlWriter();
        if (outputDir == null) {
            out.print(writer.writeAll(objects));
        } else {
            Files.createDirectories(outputDir);
            for (int i = 0; i < objects.size(); i++) {
                Path target = outputDir.resolve(YamlWriter.fileName(i, objects.get(i)));
                Files.writeString(target, writer.write(objects.get(i)), StandardCharsets.UTF_8);
                out.println(target);
            }
        }
        out.flush();
        return 0;
    }

    private RenderContext context(AppSpec app) {
        String imageTag = tag != null ? tag : app.image().tag();
        if (imageTag == null) {
            throw new ValidationException("image.tag", "is required: the file tracks SemVer constraint '"
                    + app.image().semver() + "', so name the tag being released");
        }
        TrackerId id = tracker == null ? new TrackerId("local", app.name()) : TrackerId.parse("tracker", tracker);
        String ns = namespace != null ? namespace : app.name() + "-" + environment;
        return new RenderContext(environment, ns, id, commit, new ImageVersion(app.image().repository(), imageTag,
                digest));
    }
}
