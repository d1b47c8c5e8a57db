package io.jenkins.plugins.fathomable.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Snippet Generator forms: well-formed Jelly, escaping by default, one field and one help per parameter. */
class StepViewsTest {

    @ParameterizedTest
    @ValueSource(classes = {FathomableRenderStep.class, FathomableApplyStep.class, FathomableReleaseStep.class})
    void everyParameterHasAFieldAndHelpAndTheViewEscapesByDefault(Class<?> step) throws Exception {
        String config = resource(step, "config.jelly");
        assertThat(config).startsWith("<?jelly escape-by-default='true'?>");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(config))).getDocumentElement();
        Set<String> fields = new TreeSet<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String field = ((Element) all.item(i)).getAttribute("field");
            if (!field.isEmpty()) {
                fields.add(field);
            }
        }
        Set<String> parameters = new TreeSet<>();
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                parameters.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }

        assertThat(fields).isEqualTo(parameters);
        for (String field : fields) {
            assertThat(resource(step, "help-" + field + ".html")).as(field).contains("<div>");
        }
        assertThat(resource(step, "help.html")).contains("<div>");
        assertThat(List.of(step.getSimpleName())).isNotEmpty();
        assertThat(Arrays.stream(step.getMethods()).map(Method::getName)).contains("getTracker");
    }

    private static String resource(Class<?> step, String name) throws Exception {
        try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/" + name)) {
            assertThat(in).as(step.getSimpleName() + "/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
