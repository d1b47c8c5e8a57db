package io.jenkins.plugins.fathomable.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, items 1 and 8: the limits that hold once aliases are expanded, and the smaller parser faults an outside
 * probe found (an escape that overflowed with no position, whole-document problems at line 0, line breaks in
 * messages, invalid UTF-8).
 */
class SpecParserLimitsTest {

    /** The probe's file: ~300 KB, one 100 KB scalar anchored once and used thousands of times in env and args. */
    static String amplified(int uses) {
        StringBuilder yaml = new StringBuilder(SpecParserErrorsTest.BASE);
        yaml.append("  command: [&big \"").append("x".repeat(100_000)).append("\"]\n");
        yaml.append("  args:\n");
        for (int i = 0; i < uses / 2; i++) {
            yaml.append("    - *big\n");
        }
        yaml.append("  env:\n");
        for (int i = 0; i < uses / 2; i++) {
            yaml.append("    - {name: V").append(i).append(", value: *big}\n");
        }
        return yaml.toString();
    }

    @Test
    void refusesASmallFileThatExpandsIntoGigabytesThroughScalarAliases() {
        String yaml = amplified(8_000);
        assertThat(yaml.length()).isLessThan(400_000);
        long allocated = allocatedBy(() -> {
            ParseResult result = SpecParser.parse(yaml);
            assertThat(result.errors()).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("document");
                assertThat(e.message()).startsWith("is refused: once its aliases are expanded it holds more than"
                        + " 2097152 characters of text (2 MiB); the value anchored here is used 8001 times");
                assertThat(e.line()).as("points at the anchor").isEqualTo(13);
            });
        });
        // The expanded document would be 800 MB of text; the parser must not come anywhere near building it.
        assertThat(allocated).as("bytes allocated while parsing").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void stillAcceptsDocumentsThatShareBlocksWithAFewAliases() {
        String yaml = SpecParserErrorsTest.BASE + "  command: [&c \"serve\"]\n  args: [*c, *c, *c]\n"
                + "  resources: {requests: &r {cpu: 100m}, limits: *r}\n";
        ParseResult result = SpecParser.parse(yaml);
        assertThat(result.errors()).isEmpty();
        assertThat(result.spec().args()).containsExactly("serve", "serve", "serve");
    }

    @Test
    void refusesTooManyValuesOnceExpanded() {
        // 10,001 short values are fine once; a dozen aliases to them are not (few aliases, little text, many values)
        String yaml = "x: &a [" + "x,".repeat(10_000) + "x]\ny: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n";
        assertThat(SpecParser.parse(yaml).errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith("is refused: once its aliases are expanded it holds more than 100000"
                    + " values; the value anchored here is used 13 times");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).as("the anchor").isEqualTo(4);
        });
    }

    @Test
    void refusesAnAliasInsideTheValueItNames() {
        String yaml = SpecParserErrorsTest.BASE + "  args: &loop [a, *loop]\n";
        assertThat(SpecParser.parse(yaml).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("document");
            assertThat(e.message()).contains("refers to a value that contains it");
        });
    }

    @Test
    void anOverflowingEscapeIsAYamlErrorWithItsPosition() {
        String yaml = SpecParserErrorsTest.BASE + "  command: [\"\\UFFFFFFFF\"]\n";
        assertThat(SpecParser.parse(yaml).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("document");
            assertThat(e.message()).startsWith("is not valid YAML: ");
            assertThat(e.line()).isEqualTo(13);
            assertThat(e.column()).isGreaterThan(1);
        });
    }

    @Test
    void wholeDocumentProblemsAreAtTheStartOfTheFileNotAtLineZero() {
        assertThat(SpecParser.parse("").errors()).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(1));
        assertThat(SpecParser.parse("# " + "x".repeat(SpecParser.MAX_CHARS)).errors()).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(1));
        assertThat(SpecParser.parse(null).errors()).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void valuesWithLineBreaksStayOneLinePerProblem() {
        String yaml = SpecParserErrorsTest.BASE.replace("kind: Application", "kind: \"Deploy\\nment\\r\\nX: forged\"");
        assertThat(SpecParser.parse(yaml).errors()).singleElement().satisfies(e -> {
            assertThat(e.toString()).doesNotContain("\n").doesNotContain("\r")
                    .isEqualTo("kind: must be Application, got 'Deploy\\nment\\r\\nX: forged' (line 2, column 7)");
        });
        String huge = SpecParserErrorsTest.BASE.replace("kind: Application", "kind: " + "k".repeat(50_000));
        assertThat(SpecParser.parse(huge).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).hasSizeLessThan(FieldError.MAX_MESSAGE + 40)
                        .endsWith("more characters)"));
    }

    @Test
    void invalidUtf8IsRefusedWithItsPlace() {
        byte[] bytes = (SpecParserErrorsTest.BASE + "  command: [\"caf\u00e9\"]\n").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 4] = 'A'; // é's second byte: 0xc3 now starts nothing
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.jenkins.plugins.fathomable.core.validation.ValidationException.class, () -> SpecText.decode(bytes));
        assertThat(e.errors()).singleElement().satisfies(fe -> {
            assertThat(fe.field()).isEqualTo("document");
            assertThat(fe.message()).startsWith("is not valid UTF-8: byte 0xc3 at offset");
            assertThat(fe.line()).isEqualTo(13);
            assertThat(fe.column()).isEqualTo(17);
        });
        assertThat(SpecText.decode("caf\u00e9\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("caf\u00e9\n");
    }

    /** Bytes the current thread allocates while {@code work} runs (HotSpot counts them exactly per thread). */
    static long allocatedBy(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
