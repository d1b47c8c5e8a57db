package io.jenkins.plugins.fathomable.core.engine;

import io.jenkins.plugins.fathomable.core.poll.ImagePolicy;
import io.jenkins.plugins.fathomable.core.poll.ImagePolicyReader;
import io.jenkins.plugins.fathomable.core.poll.YamlImagePolicyReader;
import io.jenkins.plugins.fathomable.core.spec.ParseResult;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;

/**
 * The image policy of a file that passes the full {@link SpecParser}: a file that could not be rendered is refused
 * when it is polled (status {@code INVALID_CONFIG}, last good config kept), not later when a release is deployed.
 * The policy itself is read by {@link YamlImagePolicyReader}, so both readers agree on what {@code spec.image} means.
 */
public final class SpecImagePolicyReader implements ImagePolicyReader {

    private final ImagePolicyReader image = new YamlImagePolicyReader();

    @Override
    public ImagePolicy read(String yaml) {
        ParseResult parsed = SpecParser.parse(yaml);
        if (!parsed.isValid()) {
            throw new ValidationException(parsed.errors());
        }
        return image.read(yaml);
    }
}
