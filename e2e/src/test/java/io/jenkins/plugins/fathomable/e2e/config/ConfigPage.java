package io.jenkins.plugins.fathomable.e2e.config;

import io.jenkins.plugins.fathomable.e2e.harness.SuiteSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Fathomable's section of Manage Jenkins » System, as the page renders it, and the fields its views declare. */
final class ConfigPage {

    static final String SECTION_MARKER = "io-jenkins-plugins-fathomable-config-FathomableConfiguration";
    private static final Path VIEWS = Path.of("plugin/src/main/resources/io/jenkins/plugins/fathomable/config");
    private static final Pattern FIELD = Pattern.compile("\\bfield=\"([A-Za-z0-9]+)\"");

    private ConfigPage() {
    }

    /** The {@code field}s a class's {@code config.jelly} declares, in order, each once. */
    static List<String> declaredFields(String simpleClassName) throws IOException {
        Path jelly = SuiteSettings.sources().resolve(VIEWS).resolve(simpleClassName).resolve("config.jelly");
        Matcher m = FIELD.matcher(Files.readString(jelly));
        List<String> fields = new ArrayList<>();
        while (m.find()) {
            if (!fields.contains(m.group(1))) {
                fields.add(m.group(1));
            }
        }
        return fields;
    }

    /** The {@code <section>} Jenkins renders for the plugin's global configuration (after its row-set marker). */
    static Element section(Document page) {
        Element marker = page.selectFirst("div[name=" + SECTION_MARKER + "]");
        if (marker == null) {
            throw new AssertionError("no Fathomable section on the page");
        }
        Element section = marker.nextElementSibling();
        if (section == null || !section.tagName().equals("section")) {
            throw new AssertionError("the Fathomable row set is not followed by its section");
        }
        return section;
    }

    /** The rows of a repeatable list ({@code trackers}), without the template Jenkins keeps for "Add". */
    static List<Element> rows(Element section, String list) {
        return section.select("div.repeated-chunk[name=" + list + "]:not(.to-be-removed)");
    }

    /** The value of the named control inside {@code scope} ({@code _.branch}); checkboxes: "true"/"false". */
    static String value(Element scope, String field) {
        Element control = scope.selectFirst("[name=_." + field + "]");
        if (control == null) {
            throw new AssertionError("no control _." + field);
        }
        return switch (control.tagName()) {
            case "textarea" -> control.text();
            case "select" -> {
                Element selected = control.selectFirst("option[selected]");
                yield selected != null ? selected.attr("value") : control.attr("value");
            }
            default -> control.attr("type").equals("checkbox") ? String.valueOf(control.hasAttr("checked")) : control.attr("value");
        };
    }
}
