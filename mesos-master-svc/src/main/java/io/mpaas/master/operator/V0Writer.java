package io.mpaas.master.operator;

import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.Label;
import io.mpaas.protocol.mesos.Labels;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Scalar;
import io.mpaas.protocol.mesos.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the pieces of Mesos's v0 JSON that follow its own rules rather than protobuf's: flat
 * resource maps ({@code {"cpus":8.0,"mem":15000.0,"disk":0.0,"gpus":0.0,"ports":"[31000-32000]"}}),
 * flat attribute objects, labels as bare arrays, times as seconds. Numbers are written as Mesos's
 * RapidJSON writes doubles: shortest round-trip digits, never in exponent form, always with a
 * fraction ({@code 8.0}, {@code 1700000000.123}), because some tools parse them with regexes.
 */
final class V0Writer {

    private final JsonGenerator g;
    /** Digits of the number being written; reused, since a large state writes millions of numbers. */
    private final char[] digits = new char[24];

    V0Writer(JsonGenerator g) {
        this.g = g;
    }

    JsonGenerator generator() {
        return g;
    }

    void number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            // The common case (8.0, 15000.0) without building a String.
            long whole = (long) value;
            int end = digits.length;
            digits[--end] = '0';
            digits[--end] = '.';
            long rest = Math.abs(whole);
            do {
                digits[--end] = (char) ('0' + rest % 10);
                rest /= 10;
            } while (rest > 0);
            if (whole < 0) {
                digits[--end] = '-';
            }
            g.writeNumber(digits, end, digits.length - end);
            return;
        }
        g.writeNumber(plain(value));
    }

    void number(String name, double value) {
        g.writeName(name);
        number(value);
    }

    /** Seconds since the epoch as a double; an absent time is 0, as Mesos's default {@code Time}. */
    void time(String name, Instant time) {
        number(name, seconds(time));
    }

    void string(String name, String value) {
        g.writeStringProperty(name, value == null ? "" : value);
    }

    /** Mesos's flat resource map: summed per name, ranges and sets as text, revocable ones suffixed. */
    void resources(String name, Resources resources) {
        g.writeName(name);
        resources(resources.toList());
    }

    void resources(Collection<Resource> resources) {
        // cpus, mem, disk and gpus always come first; other names only when present.
        double cpus = 0;
        double mem = 0;
        double disk = 0;
        double gpus = 0;
        Map<String, Double> scalars = null;
        Map<String, Ranges> ranges = null;
        Map<String, Set<String>> sets = null;
        for (Resource r : resources) {
            if (r == null || r.type() == null) {
                continue;
            }
            if (r.type() == ValueType.SCALAR && !r.isRevocable()) {
                double v = r.scalar() == null ? 0 : r.scalar().value();
                switch (r.name()) {
                    case "cpus" -> cpus += v;
                    case "mem" -> mem += v;
                    case "disk" -> disk += v;
                    case "gpus" -> gpus += v;
                    default -> {
                        scalars = scalars == null ? new LinkedHashMap<>() : scalars;
                        scalars.merge(r.name(), v, Double::sum);
                    }
                }
                continue;
            }
            String key = r.isRevocable() ? r.name() + "_revocable" : r.name();
            switch (r.type()) {
                case SCALAR -> {
                    scalars = scalars == null ? new LinkedHashMap<>() : scalars;
                    scalars.merge(key, r.scalar() == null ? 0 : r.scalar().value(), Double::sum);
                }
                case RANGES -> {
                    ranges = ranges == null ? new LinkedHashMap<>() : ranges;
                    ranges.merge(key, r.ranges() == null ? Ranges.EMPTY : r.ranges(), Ranges::plus);
                }
                case SET -> {
                    sets = sets == null ? new LinkedHashMap<>() : sets;
                    sets.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(r.set() == null ? List.of()
                            : r.set().item());
                }
                case TEXT -> {
                    // TEXT is for attributes; a resource never carries it.
                }
            }
        }
        g.writeStartObject();
        number("cpus", Scalar.round(cpus));
        number("mem", Scalar.round(mem));
        number("disk", Scalar.round(disk));
        number("gpus", Scalar.round(gpus));
        if (scalars != null) {
            for (Map.Entry<String, Double> e : scalars.entrySet()) {
                number(e.getKey(), Scalar.round(e.getValue()));
            }
        }
        if (ranges != null) {
            for (Map.Entry<String, Ranges> e : ranges.entrySet()) {
                g.writeStringProperty(e.getKey(), e.getValue().normalized().toString());
            }
        }
        if (sets != null) {
            for (Map.Entry<String, Set<String>> e : sets.entrySet()) {
                g.writeStringProperty(e.getKey(), "{" + String.join(", ", e.getValue()) + "}");
            }
        }
        g.writeEndObject();
    }

    /** Scalar quantities ({@code /roles}, quota): only the names present. */
    void quantities(String name, Map<String, Double> quantities) {
        g.writeName(name);
        g.writeStartObject();
        for (Map.Entry<String, Double> e : quantities.entrySet()) {
            number(e.getKey(), Scalar.round(e.getValue()));
        }
        g.writeEndObject();
    }

    /** Attributes as one flat object: scalars as numbers, ranges, sets and text as strings. */
    void attributes(List<Attribute> attributes) {
        g.writeName("attributes");
        g.writeStartObject();
        for (Attribute a : attributes) {
            if (a.type() == null) {
                continue;
            }
            switch (a.type()) {
                case SCALAR -> number(a.name(), a.scalar().value());
                case RANGES -> g.writeStringProperty(a.name(), a.ranges().toString());
                case SET -> g.writeStringProperty(a.name(), "{" + String.join(", ", a.set().item()) + "}");
                case TEXT -> g.writeStringProperty(a.name(), a.text() == null ? "" : a.text().value());
            }
        }
        g.writeEndObject();
    }

    /** v0 labels are a bare array of {@code {key, value}}, not v1's {@code {"labels": [...]}}. */
    void labels(String name, Labels labels) {
        g.writeName(name);
        g.writeStartArray();
        for (Label label : labels.labels()) {
            g.writeStartObject();
            g.writeStringProperty("key", label.key());
            if (label.value() != null) {
                g.writeStringProperty("value", label.value());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    void strings(String name, Collection<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** A protobuf-shaped value (discovery, container, domain) in Mesos's JSON. */
    void pojo(String name, Object value) {
        g.writeName(name);
        g.writePOJO(value);
    }

    static double seconds(Instant time) {
        if (time == null) {
            return 0.0;
        }
        return time.getEpochSecond() + time.getNano() / 1e9;
    }

    /** Mesos's (RapidJSON's) rendering of a double: plain digits, at least one fraction digit. */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0.0";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value + ".0";
        }
        String text = Double.toString(value);
        if (text.indexOf('E') < 0) {
            return text;
        }
        String expanded = new BigDecimal(text).toPlainString();
        return expanded.indexOf('.') < 0 ? expanded + ".0" : expanded;
    }

    /** A number in messages, as C++ streams print it: {@code 2}, {@code 0.5}, {@code -1}. */
    static String stringify(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** The roles resources are reserved for, in the order they first appear ({@code reserved_resources} keys). */
    static List<String> reservationRoles(Resources resources) {
        Set<String> roles = new LinkedHashSet<>();
        for (Resource r : resources.toList()) {
            if (!r.isUnreserved()) {
                roles.add(r.reservationRole());
            }
        }
        return new ArrayList<>(roles);
    }
}
