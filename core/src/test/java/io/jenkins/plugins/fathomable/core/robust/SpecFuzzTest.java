package io.jenkins.plugins.fathomable.core.robust;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.spec.Examples;
import io.jenkins.plugins.fathomable.core.spec.ParseResult;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.spec.SpecText;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The robustness suite's YAML fuzzing (issue 13): documents made from the examples by injecting one defect each
 * (a syntax error, an unknown field, a wrong type, an alias bomb, deep nesting, a huge document, a bad escape, a Java
 * tag, control characters, invalid UTF-8, several documents, a duplicate key...) with a little harmless noise, read
 * the way every host reads them (strict UTF-8, then the parser). Each must come back as validation errors (never an
 * exception), each error on one printable line, in bounded time and memory. 1,000 documents per run from a fixed
 * seed; {@code -Djqwik.tries.default=N} runs more.
 */
class SpecFuzzTest {

    /** Bytes one document may allocate while being read (the amplified file would need gigabytes). */
    static final long MAX_ALLOCATED = 256L * 1024 * 1024;
    static final long MAX_NANOS = 30_000_000_000L;

    static final AtomicInteger DOCUMENTS = new AtomicInteger();
    private static final List<String> BASES = bases();

    enum Defect {
        UNKNOWN_FIELD, WRONG_TYPE, UNCLOSED_FLOW, UNDEFINED_ALIAS, TAB_INDENT, TRUNCATED, SCALAR_ALIAS_BOMB,
        COLLECTION_ALIAS_BOMB, DEEP_NESTING, HUGE_DOCUMENT, BAD_ESCAPE, JAVA_TAG, CONTROL_CHARACTER, INVALID_UTF8,
        TWO_DOCUMENTS, DUPLICATE_KEY, LINE_BREAK_IN_NAME, NOT_A_MAPPING
    }

    /** One generated document: which example, which defect, where and how big, and some noise. */
    record Malformed(int base, Defect defect, int where, int size, String word, int noise) {

        byte[] bytes() {
            String yaml = BASES.get(base);
            List<String> lines = new ArrayList<>(yaml.lines().toList());
            int at = 1 + Math.floorMod(where, Math.max(1, lines.size() - 1));
            String w = word.isEmpty() ? "x" : word;
            switch (defect) {
                case UNKNOWN_FIELD -> lines.add(specLine(lines), "  unknown" + w + ": " + size);
                case WRONG_TYPE -> lines.add(specLine(lines), "  replicas: \"" + w + "\"");
                case UNCLOSED_FLOW -> lines.add(at, "extra" + w + ": [" + w + ", {a: " + size);
                case UNDEFINED_ALIAS -> lines.add(specLine(lines), "  args: [*missing" + w + "]");
                case TAB_INDENT -> lines.add(specLine(lines), "\treplicas: " + size);
                case TRUNCATED -> {
                    String cut = yaml.substring(0, Math.floorMod(where, yaml.length()));
                    return noise(cut + "\n: [" + w + "\n").getBytes(StandardCharsets.UTF_8);
                }
                case SCALAR_ALIAS_BOMB -> {
                    lines.add(specLine(lines), "  command: [&big \"" + w.repeat(1 + 60_000 / w.length()) + "\"]");
                    StringBuilder args = new StringBuilder("  args: [");
                    for (int i = 0; i < 40 + size; i++) {
                        args.append(i == 0 ? "" : ", ").append("*big");
                    }
                    lines.add(specLine(lines) + 1, args + "]");
                }
                case COLLECTION_ALIAS_BOMB -> {
                    lines.add(0, "l0: &l0 [" + w + ", " + w + ", " + w + "]");
                    for (int i = 1; i <= 9; i++) {
                        lines.add(i, "l" + i + ": &l" + i + " [*l" + (i - 1) + ", *l" + (i - 1) + ", *l" + (i - 1) + "]");
                    }
                }
                case DEEP_NESTING -> {
                    int depth = 21 + size % 300;
                    lines.add(specLine(lines), "  args: " + "[".repeat(depth) + w + "]".repeat(depth));
                }
                case HUGE_DOCUMENT -> lines.add("# " + w.repeat(1 + (SpecParser.MAX_CHARS + size) / w.length()));
                case BAD_ESCAPE -> lines.add(specLine(lines), "  command: [\"" + List.of("\\UFFFFFFFF", "\\xZ", "\\q",
                        "\\uD800", "\\U0011FFFF", "\\u12G").get(size % 6) + w + "\"]");
                case JAVA_TAG -> lines.add(specLine(lines), "  replicas: !!java.net.URL [\"http://127.0.0.1:1/" + w + "\"]");
                case CONTROL_CHARACTER -> lines.add(specLine(lines), "  args: [\"" + w + "\", " + w + (char) (size % 9)
                        + "x]");
                case INVALID_UTF8 -> {
                    byte[] good = noise(String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
                    int pos = Math.floorMod(where, good.length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(good, 0, pos);
                    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed, (byte) 0xa0,
                            (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0x80}};
                    byte[] b = bad[size % bad.length];
                    out.write(b, 0, b.length);
                    out.write(good, pos, good.length - pos);
                    return out.toByteArray();
                }
                case TWO_DOCUMENTS -> lines.addAll(("---\n" + yaml).lines().toList());
                case DUPLICATE_KEY -> lines.add(at, lines.stream().filter(l -> l.startsWith("apiVersion:")).findFirst()
                        .orElseThrow());
                case LINE_BREAK_IN_NAME -> lines.replaceAll(l -> l.startsWith("  name: ")
                        ? "  name: \"" + w.toLowerCase() + "\\n" + w + "\"" : l);
                case NOT_A_MAPPING -> {
                    return noise("- " + String.join("\n- ", lines.subList(0, Math.min(lines.size(), 1 + size % 5))))
                            .getBytes(StandardCharsets.UTF_8);
                }
            }
            return noise(String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /** Harmless variations: comments, trailing spaces, CRLF line ends. */
        private String noise(String yaml) {
            return switch (noise % 4) {
                case 1 -> "# generated " + word + "\n" + yaml;
                case 2 -> yaml.replace("\n", "  \n");
                case 3 -> yaml.replace("\n", "\r\n");
                default -> yaml;
            };
        }

        /** The line right after {@code spec:}, where a spec field goes. */
        private static int specLine(List<String> lines) {
            return lines.indexOf("spec:") + 1;
        }

        @Override
        public String toString() {
            return defect + " in example " + base + " (where " + where + ", size " + size + ", word '" + word
                    + "', noise " + noise + ")";
        }
    }

    @Provide
    Arbitrary<Malformed> malformed() {
        return Combinators.combine(
                Arbitraries.integers().between(0, BASES.size() - 1),
                Arbitraries.of(Defect.values()),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().between(0, 3)).as(Malformed::new);
    }

    @Property(seed = "20261207", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyMalformedDocumentIsRefusedWithOneLineErrorsInBoundedTimeAndMemory(@ForAll("malformed") Malformed doc) {
        byte[] bytes = doc.bytes();
        List<FieldError> errors = new ArrayList<>();
        long started = System.nanoTime();
        long allocated = allocatedBy(() -> {
            try {
                ParseResult result = SpecParser.parse(SpecText.decode(bytes));
                errors.addAll(result.errors());
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        });
        long nanos = System.nanoTime() - started;
        DOCUMENTS.incrementAndGet();

        assertThat(errors).as(doc + " is malformed").isNotEmpty();
        for (FieldError e : errors) {
            assertThat(e.field()).isNotBlank();
            assertThat(e.toString()).as("one printable line").doesNotContain("\n").doesNotContain("\r")
                    .doesNotContain("\u0000").hasSizeLessThan(FieldError.MAX_FIELD + FieldError.MAX_MESSAGE + 100);
        }
        assertThat(allocated).as(doc + ": bytes allocated").isLessThan(MAX_ALLOCATED);
        assertThat(nanos).as(doc + ": nanoseconds").isLessThan(MAX_NANOS);
    }

    @AfterContainer
    static void report() {
        System.out.println("SpecFuzzTest: " + DOCUMENTS.get() + " malformed documents refused");
    }

    static long allocatedBy(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static List<String> bases() {
        try {
            List<String> out = new ArrayList<>();
            for (Path p : Examples.all()) {
                out.add(Files.readString(p));
            }
            return List.copyOf(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
