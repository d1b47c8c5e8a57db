package io.jenkins.plugins.fathomable.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema shipped for editors agrees with the parser: it accepts every example and rejects every bad
 * fixture under {@code src/test/resources/spec/bad/}, which the parser rejects too.
 */
class SpecSchemaTest {

    static final Path BAD = Path.of("src", "test", "resources", "spec", "bad");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = SpecSchemaTest.class.getResourceAsStream("/fathomable.schema.json")) {
            assertThat(in).as("fathomable.schema.json on the class path").isNotNull();
            schema = factory.getSchema(in);
        }
    }

    @Test
    void theSchemaIsValidAgainstTheDraft202012MetaSchema() throws IOException {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        try (InputStream in = SpecSchemaTest.class.getResourceAsStream("/fathomable.schema.json")) {
            assertThat(meta.validate(YAML.readTree(in))).isEmpty();
        }
    }

    static Stream<Path> examples() throws IOException {
        return Examples.all().stream();
    }

    static Stream<Path> badFixtures() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            List<Path> out = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(out).as("bad fixtures in %s", BAD).hasSizeGreaterThan(10);
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void acceptsEveryExample(Path example) throws IOException {
        assertThat(validate(example)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("badFixtures")
    void rejectsEveryBadFixtureAsTheParserDoes(Path fixture) throws IOException {
        assertThat(validate(fixture)).as("schema errors for %s", fixture).isNotEmpty();
        assertThat(SpecParser.parse(Files.readString(fixture)).errors()).as("parser errors for %s", fixture)
                .isNotEmpty();
    }

    private static Set<ValidationMessage> validate(Path file) throws IOException {
        JsonNode doc = YAML.readTree(Files.readString(file));
        return schema.validate(doc);
    }
}
