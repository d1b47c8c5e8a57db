package io.jenkins.plugins.fathomable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** Every Jelly view and help file in the sources is well-formed XML; every view escapes by default. */
class JellyFilesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private static List<Path> files(String suffix) throws Exception {
        try (Stream<Path> all = Files.walk(RESOURCES)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void parse(Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.newDocumentBuilder().parse(new InputSource(new StringReader(Files.readString(file))));
    }

    @Test
    void everyViewParsesAndEscapesByDefault() throws Exception {
        List<Path> views = files(".jelly");

        assertThat(views).hasSizeGreaterThanOrEqualTo(6);
        for (Path view : views) {
            assertThat(Files.readString(view)).as(view.toString()).startsWith("<?jelly escape-by-default='true'?>");
            parse(view);
        }
    }

    @Test
    void everyHelpFileParses() throws Exception {
        List<Path> helps = files(".html");

        assertThat(helps).hasSizeGreaterThanOrEqualTo(20);
        for (Path help : helps) {
            parse(help);
        }
    }
}
