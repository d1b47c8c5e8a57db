package io.jenkins.plugins.fathomable.core.render;

import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.spec.Environment;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything a render needs besides the spec: the environment ({@code dev}, {@code ha}, {@code preprod},
 * {@code prod}), the namespace its configuration names, the tracker, the git commit the spec was read at
 * ({@link #UNKNOWN_COMMIT} when rendering a local file) and the image resolved by the registry.
 *
 * @throws ValidationException listing every bad field
 */
public record RenderContext(String environment, String namespace, TrackerId tracker, String gitCommit,
        ImageVersion image) {

    /** The commit recorded when the spec does not come from a known commit (a local file). */
    public static final String UNKNOWN_COMMIT = "unknown";

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public RenderContext {
        List<FieldError> errors = new ArrayList<>();
        if (environment == null || Environment.fromId(environment).isEmpty()) {
            errors.add(new FieldError("environment", "must be one of " + Environment.ids() + ", got '" + environment
                    + "'"));
        }
        if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
            errors.add(new FieldError("namespace", "must be a DNS label (1..63 lower-case letters, digits or '-'),"
                    + " got '" + namespace + "'"));
        }
        if (tracker == null) {
            errors.add(new FieldError("tracker", "is required"));
        }
        if (gitCommit == null || !(UNKNOWN_COMMIT.equals(gitCommit) || COMMIT.matcher(gitCommit).matches())) {
            errors.add(new FieldError("gitCommit", "must be a lower-case hex commit id (7..64 characters) or '"
                    + UNKNOWN_COMMIT + "', got '" + gitCommit + "'"));
        }
        if (image == null) {
            errors.add(new FieldError("image", "is required"));
        } else {
            if (!DIGEST.matcher(image.digest()).matches()) {
                errors.add(new FieldError("image.digest", "must be sha256: followed by 64 lower-case hex digits, got '"
                        + image.digest() + "'"));
            }
            if (!TAG.matcher(image.tag()).matches()) {
                errors.add(new FieldError("image.tag", "must be a valid image tag, got '" + image.tag() + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** The environment as the enum the spec's overrides are keyed by. */
    public Environment env() {
        return Environment.fromId(environment).orElseThrow();
    }
}
