package io.jenkins.plugins.fathomable.core.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels and annotations every rendered object carries. Label values are limited to 63 characters, so
 * the labels hold shortened values and the annotations the full ones:
 * <ul>
 *   <li>{@code app.kubernetes.io/version}: the image tag, cut to 63 characters (full tag: annotation
 *       {@code fathomable.io/image-tag});</li>
 *   <li>{@code fathomable.io/git-commit}: the first 40 characters of the commit, all of a SHA-1 commit id (full
 *       commit: annotation of the same name);</li>
 *   <li>{@code fathomable.io/image-digest}: the first 40 hex digits of the digest, without {@code sha256:}
 *       (full digest: annotation of the same name).</li>
 * </ul>
 */
final class ObjectMetadata {

    static final String NAME = "app.kubernetes.io/name";
    static final String INSTANCE = "app.kubernetes.io/instance";
    static final String VERSION = "app.kubernetes.io/version";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String TRACKER = "fathomable.io/tracker";
    static final String ENVIRONMENT = "fathomable.io/environment";
    static final String GIT_COMMIT = "fathomable.io/git-commit";
    static final String IMAGE_DIGEST = "fathomable.io/image-digest";
    static final String IMAGE_TAG = "fathomable.io/image-tag";
    static final int SHORT = 40;

    private final AppSpec spec;
    private final RenderContext ctx;

    ObjectMetadata(AppSpec spec, RenderContext ctx) {
        this.spec = spec;
        this.ctx = ctx;
    }

    /** Selects the pods of this application in this environment; stable across releases (selectors are immutable). */
    Map<String, String> selector() {
        Map<String, String> s = new TreeMap<>();
        s.put(NAME, spec.name());
        s.put(INSTANCE, spec.name() + "-" + ctx.environment());
        return s;
    }

    /** Labels for pod templates: no commit or digest, so a commit that changes nothing does not roll pods. */
    Map<String, String> podLabels() {
        Map<String, String> l = selector();
        l.put(VERSION, labelValue(ctx.image().tag()));
        l.put(MANAGED_BY, "fathomable");
        l.put(TRACKER, ctx.tracker().toString());
        l.put(ENVIRONMENT, ctx.environment());
        return l;
    }

    Map<String, String> labels() {
        Map<String, String> l = podLabels();
        l.put(GIT_COMMIT, shorten(ctx.gitCommit()));
        l.put(IMAGE_DIGEST, shorten(ctx.image().digest().substring(ctx.image().digest().indexOf(':') + 1)));
        return l;
    }

    Map<String, String> annotations() {
        Map<String, String> a = new TreeMap<>();
        a.put(IMAGE_TAG, ctx.image().tag());
        a.put(IMAGE_DIGEST, ctx.image().digest());
        a.put(GIT_COMMIT, ctx.gitCommit());
        return a;
    }

    /** Metadata of a top-level object named {@code name}. */
    ObjectMeta of(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(ctx.namespace()).withLabels(labels())
                .withAnnotations(annotations()).build();
    }

    private static String shorten(String v) {
        return v.length() <= SHORT ? v : v.substring(0, SHORT);
    }

    /** A tag as a label value: at most 63 characters, starting and ending with a letter or digit. */
    static String labelValue(String tag) {
        String v = tag.length() > 63 ? tag.substring(0, 63) : tag;
        return v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }
}
