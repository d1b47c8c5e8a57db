package io.jenkins.plugins.fathomable.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and broken documents are refused with one clear error, and nothing escapes the parser. */
class SpecParserSafetyTest {

    @Test
    void refusesBillionLaughs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            String prev = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", List.of(prev, prev, prev, prev, prev, prev, prev, prev, prev)))
                    .append("]\n");
        }
        ParseResult result = SpecParser.parse(yaml.toString());
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("document");
            assertThat(e.message()).startsWith("is refused: ").contains("aliases");
        });
    }

    @Test
    void refusesATenMegabyteDocumentBeforeParsingIt() {
        String yaml = "apiVersion: fathomable.io/v1\n# " + "x".repeat(10 * 1024 * 1024) + "\n";
        ParseResult result = SpecParser.parse(yaml);
        assertThat(result.errors()).extracting(FieldError::toString).containsExactly("document: is " + yaml.length()
                + " characters long; at most 1048576 (1 MiB) are accepted (line 1, column 1)");
    }

    @Test
    void refusesDeepNesting() {
        String yaml = "spec: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(SpecParser.parse(yaml).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("is refused: ").containsIgnoringCase("nesting"));
    }

    @Test
    void allowsAFewAliasesToShareBlocks() {
        String yaml = SpecParserErrorsTest.BASE.replace("  ports:", "  resources: {requests: &r {cpu: 100m}, limits: *r}\n  ports:");
        ParseResult result = SpecParser.parse(yaml);
        assertThat(result.errors()).isEmpty();
        assertThat(result.spec().resources().limits()).containsEntry("cpu", "100m");
    }

    @Test
    void neverConstructsTaggedTypes() {
        String yaml = SpecParserErrorsTest.BASE + "  replicas: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";
        assertThat(SpecParser.parse(yaml).errors()).extracting(FieldError::toString).containsExactly(
                "document: is not valid YAML: Global tag is not allowed:"
                        + " tag:yaml.org,2002:javax.script.ScriptEngineManager (line 13, column 13)");
    }

    @Test
    void reportsLocalTagsAsWrongTypes() {
        String yaml = SpecParserErrorsTest.BASE + "  replicas: !thing 3\n";
        assertThat(SpecParser.parse(yaml).errors()).extracting(FieldError::toString).containsExactly(
                "spec.replicas: must be an integer, got a value tagged !thing (line 13, column 13)");
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition() {
        String yaml = "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: app\n   bad: [\n";
        assertThat(SpecParser.parse(yaml).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("document");
            assertThat(e.message()).startsWith("is not valid YAML: ");
            assertThat(e.line()).isEqualTo(5);
        });
    }

    @Test
    void refusesEmptyListAndMultipleDocuments() {
        assertThat(SpecParser.parse("").errors()).extracting(FieldError::toString)
                .containsExactly("document: is empty; expected apiVersion, kind, metadata and spec (line 1, column 1)");
        assertThat(SpecParser.parse("- a\n- b\n").errors()).extracting(FieldError::toString).containsExactly(
                "document: must be a mapping with apiVersion, kind, metadata and spec, got a list (line 1, column 1)");
        assertThat(SpecParser.parse(SpecParserErrorsTest.BASE + "---\n" + SpecParserErrorsTest.BASE).errors())
                .singleElement().satisfies(e -> assertThat(e.message()).contains("single document"));
        assertThat(SpecParser.parse(null).errors()).extracting(FieldError::toString)
                .containsExactly("document: is missing (line 1, column 1)");
    }

    /** Every example with one line removed, and cut at every tenth character: a result, never an exception. */
    @ParameterizedTest
    @MethodSource("examples")
    void neverThrowsOnBrokenVariantsOfTheExamples(Path example) throws IOException {
        String yaml = Files.readString(example);
        List<String> lines = yaml.lines().toList();
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> copy = new ArrayList<>(lines);
            copy.remove(i);
            variants.add(String.join("\n", copy));
        }
        for (int cut = 0; cut < yaml.length(); cut += 10) {
            variants.add(yaml.substring(0, cut));
        }
        int invalid = 0;
        for (String v : variants) {
            ParseResult[] result = new ParseResult[1];
            assertThatCode(() -> result[0] = SpecParser.parse(v)).doesNotThrowAnyException();
            invalid += result[0].isValid() ? 0 : 1;
            result[0].errors().forEach(e -> assertThat(e.field()).isNotBlank());
        }
        assertThat(invalid).as("most broken variants are invalid").isGreaterThan(variants.size() / 2);
    }

    static Stream<Path> examples() throws IOException {
        return Examples.all().stream();
    }
}
