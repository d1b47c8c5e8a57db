package io.jenkins.plugins.fathomable.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.DeploymentPattern;
import io.jenkins.plugins.fathomable.core.spec.Environment;
import io.jenkins.plugins.fathomable.core.spec.Examples;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class YamlWriterTest {

    @ParameterizedTest
    @EnumSource(DeploymentPattern.class)
    void sameInputRenderedTwiceGivesIdenticalBytes(DeploymentPattern pattern) throws IOException {
        String yaml = Files.readString(Examples.of(pattern));
        byte[] first = renderFresh(yaml);
        byte[] second = renderFresh(yaml);
        assertThat(second).isEqualTo(first);
    }

    private static byte[] renderFresh(String yaml) {
        AppSpec spec = SpecParser.parse(yaml).orThrow();
        return new YamlWriter().writeAll(Renderer.render(spec, RenderGoldenTest.context(spec, Environment.PROD)))
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(DeploymentPattern.class)
    void eachDocumentReadsBackToAnEqualObject(DeploymentPattern pattern) throws IOException {
        AppSpec spec = SpecParser.parse(Files.readString(Examples.of(pattern))).orThrow();
        List<HasMetadata> objects = Renderer.render(spec, RenderGoldenTest.context(spec, Environment.PROD));
        YamlWriter writer = new YamlWriter();
        ObjectMapper reader = new ObjectMapper(new YAMLFactory());
        for (HasMetadata o : objects) {
            assertThat(reader.readValue(writer.write(o), o.getClass())).isEqualTo(o);
        }
        assertThat(writer.writeAll(objects).split("(?m)^---$")).hasSize(objects.size() + 1);
    }

    @Test
    void fileNamesKeepApplyOrder() throws IOException {
        AppSpec spec = SpecParser.parse(Files.readString(Examples.of(DeploymentPattern.WEB_SERVICE))).orThrow();
        List<HasMetadata> objects = Renderer.render(spec, RenderGoldenTest.context(spec, Environment.DEV));
        assertThat(YamlWriter.fileName(1, objects.get(1))).isEqualTo("02-service-payments-api.yaml");
        assertThat(YamlWriter.fileName(0, objects.get(0))).matches("01-configmap-payments-api-app-[0-9a-f]{10}\\.yaml");
    }
}
