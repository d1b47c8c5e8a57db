package io.jenkins.plugins.fathomable.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.io.IOException;

/** The one JSON configuration of the API: strict on input, never writing a secret on output. */
final class ApiJson {

    private ApiJson() {}

    static ObjectMapper mapper() {
        SimpleModule secrets = new SimpleModule("fathomable-secrets")
                .addSerializer(Secret.class, new MaskedSecretSerializer())
                .addDeserializer(Secret.class, new SecretDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .addModule(secrets)
                .build();
        // "id": 5 or "tag": true is a client mistake, not something to guess a string from.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Anything holding a {@link Secret} that reaches a response shows it masked. */
    private static final class MaskedSecretSerializer extends StdSerializer<Secret> {
        private static final long serialVersionUID = 1L;

        MaskedSecretSerializer() {
            super(Secret.class);
        }

        @Override
        public void serialize(Secret value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString("****");
        }
    }

    private static final class SecretDeserializer extends StdDeserializer<Secret> {
        private static final long serialVersionUID = 1L;

        SecretDeserializer() {
            super(Secret.class);
        }

        @Override
        public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Secret) ctxt.reportInputMismatch(Secret.class, "must be a string");
            }
            return Secret.of(p.getText());
        }
    }
}
