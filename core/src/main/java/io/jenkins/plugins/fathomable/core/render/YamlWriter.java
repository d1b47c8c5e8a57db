package io.jenkins.plugins.fathomable.core.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Locale;

/**
 * Writes rendered objects as YAML, byte for byte the same for equal objects: fields in the model's declared
 * order, map entries (labels, annotations, ConfigMap data) sorted by key, multi-line strings as literal blocks.
 */
public final class YamlWriter {

    private final ObjectMapper mapper;

    public YamlWriter() {
        YAMLFactory yaml = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        mapper = JsonMapper.builder(yaml)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.USE_DEFAULTS))
                .build();
    }

    /** One object as a YAML document (no {@code ---} marker). */
    public String write(HasMetadata object) {
        try {
            return mapper.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + object.getKind() + " " + object.getMetadata().getName(),
                    e);
        }
    }

    /** Every object, each document starting with {@code ---}. */
    public String writeAll(List<? extends HasMetadata> objects) {
        StringBuilder out = new StringBuilder();
        objects.forEach(o -> out.append("---\n").append(write(o)));
        return out.toString();
    }

    /** A file name for the {@code index}-th object (0-based), keeping apply order: {@code 01-service-NAME.yaml}. */
    public static String fileName(int index, HasMetadata object) {
        return String.format(Locale.ROOT, "%02d-%s-%s.yaml", index + 1, object.getKind().toLowerCase(Locale.ROOT),
                object.getMetadata().getName());
    }
}
