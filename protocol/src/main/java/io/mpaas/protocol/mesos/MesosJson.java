package io.mpaas.protocol.mesos;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.mpaas.protocol.json.CreatorHandles;
import io.mpaas.protocol.json.NullsAsAbsent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec of Mesos's wire types, with the rules of Mesos's own protobuf-to-JSON
 * conversion: proto field names in snake_case, enums by name, absent optionals left out, an
 * explicit {@code null} read as absent, unknown fields ignored, an unknown enum name in an
 * optional field read as absent. Output is compact: one record is one line. Only record
 * components are properties; convenience methods on the records never reach the wire.
 */
public final class MesosJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Only record components are wire fields: helpers such as isEmpty() or isShell() are not.
            .changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.GETTER, Visibility.NONE)
                    .withVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                    .withVisibility(PropertyAccessor.FIELD, Visibility.ANY))
            // Records are made through a spreading handle, not Jackson 3's per-call invokeWithArguments.
            .addModule(new CreatorHandles())
            // A JSON null in a tree-typed field is "absent", as everywhere else (wire-compat.md).
            .addModule(new NullsAsAbsent())
            .build();

    private MesosJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Reads one value.
     *
     * @throws IllegalArgumentException with the parser's message when the JSON is malformed or of the wrong shape
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** The parser's message without its internal source-location details, for error answers to clients. */
    public static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        int marker = message.indexOf(" (start marker at");
        if (marker > 0) {
            message = message.substring(0, marker);
        }
        int source = message.indexOf(" at [Source:");
        return source > 0 ? message.substring(0, source) : message;
    }
}
