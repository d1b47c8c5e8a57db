package io.jenkins.plugins.fathomable.core.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.IOException;

/**
 * The on-disk JSON form of a {@link TrackerRecord}: an envelope with a format version, times as ISO-8601 text and
 * tracker ids as {@code group.name}, so files stay readable and diffable by an admin.
 */
final class StoreJson {

    /** Bumped whenever a stored field changes meaning; readers refuse files newer than they understand. */
    static final int FORMAT_VERSION = 1;

    /** What one file holds. */
    record Envelope(int formatVersion, TrackerRecord record) {}

    private StoreJson() {}

    static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("fathomable-ids");
        ids.addSerializer(TrackerId.class, new StdScalarSerializer<>(TrackerId.class) {
            @Override
            public void serialize(TrackerId value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        ids.addDeserializer(TrackerId.class, new StdScalarDeserializer<>(TrackerId.class) {
            @Override
            public TrackerId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return TrackerId.parse(p.getValueAsString());
            }
        });
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(ids)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // Older readers of the same format version ignore fields added later.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    static byte[] write(ObjectMapper mapper, TrackerRecord record) throws IOException {
        return mapper.writeValueAsBytes(new Envelope(FORMAT_VERSION, record));
    }

    static TrackerRecord read(ObjectMapper mapper, byte[] bytes, String source) throws IOException {
        JsonNode root = mapper.readTree(bytes);
        if (root == null || !root.isObject() || !root.path("formatVersion").canConvertToInt()) {
            throw new StoreException(source + ": not a Fathomable tracker file (no formatVersion)");
        }
        int version = root.get("formatVersion").asInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new StoreException(source + ": format version " + version
                    + " is not one this Fathomable reads (it reads 1 to " + FORMAT_VERSION + ")");
        }
        Envelope envelope = mapper.treeToValue(root, Envelope.class);
        if (envelope.record() == null) {
            throw new StoreException(source + ": has no record");
        }
        return envelope.record();
    }
}
