package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.source.registry.SemVerConstraint;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads only {@code spec.image} ({@code repository} plus exactly one of {@code tag} / {@code semver}) from a
 * {@code fathomable.yaml}. It composes the YAML node tree (no objects are constructed from the document, so no
 * type tags are honoured) to report each problem with its line and column.
 */
public final class YamlImagePolicyReader implements ImagePolicyReader {

    private static final int MAX_CODE_POINTS = 1024 * 1024;
    /** Only read after construction ({@code resolve}), so one serves all threads. */
    private static final Resolver RESOLVER = new Resolver();

    @Override
    public ImagePolicy read(String yaml) {
        Node root = compose(yaml);
        MappingNode spec = mapping(child(root, "spec"), "spec", root);
        MappingNode image = mapping(child(spec, "image"), "spec.image", spec);
        List<FieldError> errors = new ArrayList<>();
        Node repositoryNode = child(image, "repository");
        Node tagNode = child(image, "tag");
        Node semverNode = child(image, "semver");

        ImageReference repository = null;
        String repositoryText = scalar(repositoryNode, "spec.image.repository", image, errors);
        if (repositoryText != null) {
            repository = capture(errors, repositoryNode, () -> ImageReference.parse("spec.image.repository", repositoryText));
            if (repository != null && (repository.tag() != null || repository.digest() != null)) {
                errors.add(at(repositoryNode, "spec.image.repository",
                        "must be a repository without tag or digest; give the tag in spec.image.tag or spec.image.semver"));
                repository = null;
            }
        }
        String tag = null;
        SemVerConstraint semver = null;
        if ((tagNode == null) == (semverNode == null)) {
            errors.add(at(tagNode != null ? tagNode : image, "spec.image.tag",
                    "give exactly one of spec.image.tag (a fixed tag) and spec.image.semver (a SemVer constraint)"));
        } else if (tagNode != null) {
            String text = scalar(tagNode, "spec.image.tag", image, errors);
            if (text != null) {
                tag = capture(errors, tagNode, () -> ImageReference.checkTag("spec.image.tag", text));
            }
        } else {
            String text = scalar(semverNode, "spec.image.semver", image, errors);
            if (text != null) {
                semver = capture(errors, semverNode, () -> SemVerConstraint.parse("spec.image.semver", text));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ImagePolicy(repository, tag, semver);
    }

    private static Node compose(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CODE_POINTS);
        try {
            // What Yaml.compose does, without building a Yaml (constructor, representer, resolver) per file: that
            // cost more than composing a small fathomable.yaml, once per tracker per cycle.
            Node root = new Composer(new ParserImpl(new StreamReader(new StringReader(yaml == null ? "" : yaml)), options),
                    RESOLVER, options).getSingleNode();
            if (root == null) {
                throw new ValidationException("spec.image", "is required; the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new ValidationException(List.of(new FieldError("fathomable.yaml",
                    "is not valid YAML: " + e.getProblem(), mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1)));
        } catch (YAMLException e) {
            throw new ValidationException("fathomable.yaml", "is not valid YAML: " + e.getMessage());
        }
    }

    private static Node child(Node parent, String key) {
        if (parent instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static MappingNode mapping(Node node, String field, Node parent) {
        if (node == null) {
            throw new ValidationException(List.of(at(parent, field, "is required")));
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new ValidationException(List.of(at(node, field, "must be a mapping")));
        }
        return mapping;
    }

    private static String scalar(Node node, String field, Node parent, List<FieldError> errors) {
        if (node == null) {
            errors.add(at(parent, field, "is required"));
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            errors.add(at(node, field, "must be a non-empty string"));
            return null;
        }
        return scalar.getValue().trim();
    }

    /** Runs a parser, moving its errors to the node's line and column. */
    private static <T> T capture(List<FieldError> errors, Node node, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ValidationException e) {
            e.errors().forEach(error -> errors.add(at(node, error.field(), error.message())));
            return null;
        }
    }

    private static FieldError at(Node node, String field, String message) {
        Mark mark = node == null ? null : node.getStartMark();
        return mark == null ? new FieldError(field, message)
                : new FieldError(field, message, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
