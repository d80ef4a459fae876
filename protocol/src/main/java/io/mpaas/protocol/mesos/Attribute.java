package io.mpaas.protocol.mesos;

import java.util.ArrayList;
import java.util.List;

/**
 * An agent attribute used by placement constraints. A value that parses as a number is a
 * SCALAR, {@code [a-b]} is RANGES, {@code {a,b}} is SET, anything else TEXT (as in Mesos).
 */
public record Attribute(String name, ValueType type, Scalar scalar, Ranges ranges, ValueSet set, Text text) {

    public static Attribute text(String name, String value) {
        return new Attribute(name, ValueType.TEXT, null, null, null, new Text(value));
    }

    /**
     * Parses Mesos's attribute notation {@code rack:r1;zone:west;level:2}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<Attribute> parseAll(String notation) {
        List<Attribute> result = new ArrayList<>();
        if (notation == null || notation.isBlank()) {
            return result;
        }
        for (String entry : notation.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("invalid attribute '" + entry.trim() + "': expected name:value");
            }
            String name = entry.substring(0, colon).trim();
            String value = entry.substring(colon + 1).trim();
            result.add(parseValue(name, value));
        }
        return result;
    }

    private static Attribute parseValue(String name, String value) {
        if (value.startsWith("[") && value.endsWith("]")) {
            return new Attribute(name, ValueType.RANGES, null, Resources.parseRanges(name, value), null, null);
        }
        if (value.startsWith("{") && value.endsWith("}")) {
            return new Attribute(name, ValueType.SET, null, null, Resources.parseSet(value), null);
        }
        try {
            return new Attribute(name, ValueType.SCALAR, new Scalar(Double.parseDouble(value)), null, null, null);
        } catch (NumberFormatException e) {
            return text(name, value);
        }
    }

    /** The value as text, the way constraints and the v0 state show it. */
    public String valueAsString() {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case SCALAR -> {
                double v = scalar.value();
                yield v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
            }
            case RANGES -> ranges.toString();
            case SET -> "{" + String.join(",", set.item()) + "}";
            case TEXT -> text.value();
        };
    }
}
