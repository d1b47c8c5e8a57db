package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;

/**
 * Reads the image policy out of a {@code fathomable.yaml}. An interface so the poll cycle can later use the full
 * spec parser instead of {@link YamlImagePolicyReader}, which reads only {@code spec.image}.
 */
@FunctionalInterface
public interface ImagePolicyReader {

    /** @throws ValidationException naming each bad field, with line and column */
    ImagePolicy read(String yaml);
}
