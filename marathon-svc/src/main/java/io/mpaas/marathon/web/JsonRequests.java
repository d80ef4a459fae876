package io.mpaas.marathon.web;

import io.mpaas.protocol.marathon.MarathonError.Violation;
import io.mpaas.protocol.marathon.MarathonJson;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies the way Marathon does: whatever the {@code Content-Type} (clients send
 * none, or form encoding from a bare {@code curl -d}), pretty-printed or not; a body that is not
 * JSON is a 400, a value of the wrong type a 422 that names its path in Marathon's notation
 * ({@code /healthChecks(0)/portIndex}) with Play JSON's error keys ({@code error.expected.jsstring}).
 */
public final class JsonRequests {

    /**
     * Marathon's codec, stricter on input: a number or boolean where a string belongs is a type
     * error (Play JSON does not turn {@code 5} into {@code "5"}), and so is a fraction where a whole
     * number belongs.
     */
    private static final JsonMapper READER = MarathonJson.mapper().rebuild()
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private JsonRequests() {
    }

    /**
     * Parses a body.
     *
     * @throws InvalidJson (400) when it is empty or not JSON
     */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidJson.malformed("No content to map due to end-of-input", null);
        }
        try {
            JsonNode node = MarathonJson.mapper().readTree(body);
            if (node == null || node.isMissingNode()) {
                throw InvalidJson.malformed("No content to map due to end-of-input", null);
            }
            return node;
        } catch (JacksonException e) {
            throw InvalidJson.malformed(e.getOriginalMessage(), e);
        }
    }

    /** Parses a body that must be one JSON object. */
    public static ObjectNode parseObject(byte[] body) {
        return object(parse(body), "");
    }

    /**
     * The node as an object.
     *
     * @param path Marathon path of the node, "" for the body itself
     * @throws InvalidJson (422) naming {@code path} when it is not an object
     */
    public static ObjectNode object(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw InvalidJson.mismatched(List.of(new Violation(path.isEmpty() ? "/" : path,
                List.of("error.expected.jsobject"))));
    }

    /**
     * Converts a parsed node into a wire record.
     *
     * @param path Marathon path of the node, prefixed to the paths of errors inside it ("" for the body)
     * @throws InvalidJson (422) when a value has the wrong type
     */
    public static <T> T convert(JsonNode node, Class<T> type, String path) {
        try {
            return READER.readerFor(type).readValue(node);
        } catch (JacksonException e) {
            throw InvalidJson.mismatched(List.of(new Violation(marathonPath(path, e), List.of(errorKey(e)))));
        }
    }

    /** Jackson's path of the failure in Marathon's notation: fields as {@code /name}, indexes as {@code (i)}. */
    static String marathonPath(String prefix, JacksonException e) {
        StringBuilder path = new StringBuilder(prefix);
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('/').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('(').append(reference.getIndex()).append(')');
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** Play JSON's key for what was expected where the value did not fit. */
    static String errorKey(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
            return e.getOriginalMessage();
        }
        Class<?> target = mismatch.getTargetType();
        if (target == String.class || target == Character.class || target == char.class) {
            return "error.expected.jsstring";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "error.expected.jsboolean";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != void.class)) {
            return "error.expected.jsnumber";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "error.expected.jsarray";
        }
        if (target.isEnum()) {
            return "error.expected.validenumvalue";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord() || JsonNode.class.isAssignableFrom(target)) {
            return "error.expected.jsobject";
        }
        return e.getOriginalMessage();
    }
}
