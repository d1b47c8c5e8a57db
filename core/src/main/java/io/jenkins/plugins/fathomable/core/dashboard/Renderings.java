package io.jenkins.plugins.fathomable.core.dashboard;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Diff;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.DiffLine;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.render.RenderContext;
import io.jenkins.plugins.fathomable.core.render.Renderer;
import io.jenkins.plugins.fathomable.core.render.YamlWriter;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders a release's objects for the tracker page, and diffs two renderings (or two files) as unified diffs. Pure:
 * the same input gives the same text, which is what the deployment applies.
 */
final class Renderings {

    private static final int CONTEXT = 3;
    /** Longest diff shown, in lines; a bigger change is cut with a note. */
    static final int MAX_DIFF_LINES = 400;

    private final YamlWriter yaml = new YamlWriter();

    /** The objects of {@code config} with {@code image} in {@code env}, as YAML; throws if it cannot be rendered. */
    Result render(TrackerId tracker, EnvironmentConfig env, ConfigRevision config, ImageVersion image) {
        RenderContext ctx = new RenderContext(env.name(), env.target().namespace(), tracker, config.commitSha(), image);
        List<HasMetadata> objects = Renderer.render(SpecParser.parse(config.content()).orThrow(), ctx);
        return new Result(objects.size(), yaml.writeAll(objects));
    }

    record Result(int objects, String yaml) {}

    /**
     * What {@code after} changes in {@code env} against {@code before}: both rendered with the same image and at the
     * same commit, so only what the file itself changes shows (not the commit annotations every release carries).
     */
    Diff renderedDiff(TrackerId tracker, EnvironmentConfig env, ConfigRevision before, ConfigRevision after,
            ImageVersion image) {
        try {
            ConfigRevision beforeAtSameCommit = new ConfigRevision(after.commitSha(), before.blobSha(), before.content());
            String a = render(tracker, env, beforeAtSameCommit, image).yaml();
            String b = render(tracker, env, after, image).yaml();
            return diff(env.name(), env.name() + " now", env.name() + " with the change", a, b);
        } catch (ValidationException e) {
            return new Diff(env.name(), List.of(), "cannot be rendered: " + problem(e));
        }
    }

    static String problem(ValidationException e) {
        String all = String.join("; ", e.errors().stream().map(Object::toString).toList());
        return all.length() > 500 ? all.substring(0, 500) + "…" : all;
    }

    static Diff diff(String title, String fromName, String toName, String from, String to) {
        List<String> a = lines(from);
        List<String> b = lines(to);
        if (a.equals(b)) {
            return new Diff(title, List.of(), null);
        }
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, a, DiffUtils.diff(a, b), CONTEXT);
        List<DiffLine> out = new ArrayList<>();
        for (String line : unified) {
            if (out.size() == MAX_DIFF_LINES) {
                out.add(new DiffLine("hunk", "… " + (unified.size() - MAX_DIFF_LINES) + " more lines"));
                break;
            }
            out.add(new DiffLine(kind(line), line));
        }
        return new Diff(title, out, null);
    }

    private static String kind(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return "file";
        }
        if (line.startsWith("@@")) {
            return "hunk";
        }
        return line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "context";
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
