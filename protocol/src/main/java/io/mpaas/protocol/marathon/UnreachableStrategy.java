package io.mpaas.protocol.marathon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What happens to an instance whose agent became unreachable: after {@code inactiveAfterSeconds}
 * a replacement is launched, after {@code expungeAfterSeconds} it is forgotten (and killed if it
 * comes back). On the wire either that object or the string {@code "disabled"} (never replace).
 */
public record UnreachableStrategy(boolean disabled, Long inactiveAfterSeconds, Long expungeAfterSeconds) {

    /** Marathon's default since 1.4.9 / 1.5.1: replace at once. */
    public static final UnreachableStrategy DEFAULT = new UnreachableStrategy(false, 0L, 0L);

    public static final UnreachableStrategy DISABLED = new UnreachableStrategy(true, null, null);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static UnreachableStrategy fromJson(JsonNode node) {
        if (node.isString()) {
            if ("disabled".equals(node.asString())) {
                return DISABLED;
            }
            throw new IllegalArgumentException("unreachableStrategy must be an object or \"disabled\"");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("unreachableStrategy must be an object or \"disabled\"");
        }
        return new UnreachableStrategy(false, longOrNull(node.get("inactiveAfterSeconds")),
                longOrNull(node.get("expungeAfterSeconds")));
    }

    private static Long longOrNull(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException("expected a whole number of seconds");
        }
        return value.asLong();
    }

    @JsonValue
    Object toJson() {
        if (disabled) {
            return "disabled";
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (inactiveAfterSeconds != null) {
            fields.put("inactiveAfterSeconds", inactiveAfterSeconds);
        }
        if (expungeAfterSeconds != null) {
            fields.put("expungeAfterSeconds", expungeAfterSeconds);
        }
        return fields;
    }
}
