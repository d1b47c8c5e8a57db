package io.jenkins.plugins.fathomable.core.spec;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code fathomable.yaml}. The YAML is only composed into a node tree — no objects are constructed, so
 * tags cannot instantiate types — and the tree is walked against the v1 format, so every error names its field
 * path and line:column. Aliases, nesting and size are bounded to refuse "billion laughs" and huge documents, and so
 * is the size of the document once its aliases are expanded ({@link ExpandedSize}): a small file that repeats one
 * large anchored value thousands of times would otherwise pass and exhaust memory when rendered. Every host
 * (validate, serve, the plugin) parses through here, so they share the limits.
 */
public final class SpecParser {

    /** Largest document accepted, in characters (1 MiB); larger ones are refused before any parsing. */
    public static final int MAX_CHARS = 1024 * 1024;
    /** Aliases to lists or mappings allowed in one document: enough to share env blocks, too few to explode. */
    public static final int MAX_COLLECTION_ALIASES = 20;
    /** Deepest nesting of lists and mappings; the format itself needs about 8. */
    public static final int MAX_NESTING_DEPTH = 20;

    /** Characters of text (keys and values) the document may hold once aliases are expanded (2 MiB). */
    public static final long MAX_EXPANDED_CHARS = 2L * 1024 * 1024;
    /** Keys, values and collections the document may hold once aliases are expanded. */
    public static final long MAX_EXPANDED_NODES = 100_000;

    private static final String DOCUMENT = "document";
    /** Whole-document problems are placed at the start of the file rather than at the "unknown" 0:0. */
    private static final int START = 1;

    private SpecParser() {}

    /** Parses and validates one document; never throws on bad input (every problem is in the result). */
    public static ParseResult parse(String yaml) {
        if (yaml == null) {
            return invalid("is missing", null);
        }
        if (yaml.length() > MAX_CHARS) {
            return invalid("is " + yaml.length() + " characters long; at most " + MAX_CHARS + " (1 MiB) are accepted",
                    null);
        }
        Node root;
        StreamReader reader = new StreamReader(yaml);
        try {
            root = compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null && e.getProblem() != null) {
                problem = e.getContext() + ", " + problem;
            }
            return invalid("is not valid YAML: " + firstLine(problem), m);
        } catch (YAMLException e) {
            return invalid("is refused: " + firstLine(e.getMessage()), null);
        } catch (RuntimeException e) {
            // The scanner lets some bad input escape unmarked (e.g. "\UFFFFFFFF" overflows its number parsing); it
            // must not crash the caller, and the reader still knows where it stopped.
            return invalid("is not valid YAML: cannot read the text here (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")", reader.getMark());
        }
        if (root == null) {
            return invalid("is empty; expected apiVersion, kind, metadata and spec", null);
        }
        var expanded = ExpandedSize.check(root, MAX_EXPANDED_CHARS, MAX_EXPANDED_NODES);
        if (expanded.isPresent()) {
            return ParseResult.invalid(List.of(expanded.get()));
        }
        Problems problems = new Problems();
        AppSpec spec = new SpecReader(problems).read(root);
        return problems.isEmpty() && spec != null ? ParseResult.valid(spec) : ParseResult.invalid(problems.sorted());
    }

    private static Node compose(StreamReader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        Composer composer = new Composer(new ParserImpl(reader, options), new Resolver(), options);
        return composer.getSingleNode();
    }

    private static ParseResult invalid(String message, Mark mark) {
        FieldError e = mark == null ? new FieldError(DOCUMENT, message, START, START)
                : new FieldError(DOCUMENT, message, mark.getLine() + 1, mark.getColumn() + 1);
        return ParseResult.invalid(List.of(e));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown problem";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
