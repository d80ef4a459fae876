package io.mpaas.protocol.marathon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.mpaas.protocol.json.CreatorHandles;
import io.mpaas.protocol.json.NullsAsAbsent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec of Marathon's {@code /v2} wire types: camelCase field names as Marathon writes
 * them, absent values left out, an explicit {@code null} read as absent, unknown fields ignored (as
 * Marathon's Play JSON readers do, so newer clients' extra fields do no harm), no coercion of a
 * string into a number or the reverse (Marathon answers those with 422). Output is one line.
 * Only record components are properties.
 */
public final class MarathonJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.GETTER, Visibility.NONE)
                    .withVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                    .withVisibility(PropertyAccessor.FIELD, Visibility.ANY))
            // Records are made through a spreading handle, not Jackson 3's per-call invokeWithArguments.
            .addModule(new CreatorHandles())
            // A JSON null in a tree-typed field is "absent", as everywhere else (wire-compat.md).
            .addModule(new NullsAsAbsent())
            .build();

    private MarathonJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Reads one value.
     *
     * @throws IllegalArgumentException with the parser's message when the JSON is malformed or of the wrong shape
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
