package io.mpaas.marathon.offer;

import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Range;
import io.mpaas.protocol.mesos.ValueType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What placement constraints can ask about one agent: its hostname, fault domain and
 * attributes, each as the text Marathon compares. Constraint fields are {@code hostname} (or
 * {@code @hostname}), {@code @region}, {@code @zone}, or an attribute name. A view of an
 * {@link AgentInfo}: the offer's agent, or the agent an instance was launched on.
 */
record AgentFacts(AgentInfo agent) {

    AgentFacts {
        Objects.requireNonNull(agent, "agent");
    }

    static AgentFacts of(Offer offer) {
        return new AgentFacts(AgentInfo.of(offer));
    }

    static boolean isHostname(String field) {
        return "hostname".equals(field) || "@hostname".equals(field);
    }

    /** The field's value as text, empty when the agent does not have it (or its facts are unknown). */
    Optional<String> value(String field) {
        if (isHostname(field)) {
            return Optional.ofNullable(agent.host());
        }
        if ("@region".equals(field)) {
            return Optional.ofNullable(agent.region());
        }
        if ("@zone".equals(field)) {
            return Optional.ofNullable(agent.zone());
        }
        Attribute attribute = attribute(field);
        return attribute == null ? Optional.empty() : Optional.ofNullable(format(attribute));
    }

    /** Whether the field is a scalar attribute, whose values compare as numbers rounded to 3 decimals. */
    boolean isScalar(String field) {
        Attribute attribute = attribute(field);
        return attribute != null && attribute.type() == ValueType.SCALAR;
    }

    /** The attribute of that name; the first one when the agent repeats a name. Agents have a handful. */
    private Attribute attribute(String name) {
        if (agent.attributes() == null) {
            return null;
        }
        for (Attribute a : agent.attributes()) {
            if (name.equals(a.name())) {
                return a;
            }
        }
        return null;
    }

    /**
     * Marathon's text of an attribute: scalars rounded half-even to three decimals without
     * trailing zeros ({@code 2}, {@code 1.5}), ranges {@code [1-2,5-9]}, sets {@code {a,b}}.
     */
    static String format(Attribute attribute) {
        if (attribute.type() == null) {
            return null;
        }
        return switch (attribute.type()) {
            case SCALAR -> attribute.scalar() == null ? null : formatScalar(attribute.scalar().value());
            case RANGES -> attribute.ranges() == null ? null : attribute.ranges().range().stream()
                    .map(Range::toString).collect(Collectors.joining(",", "[", "]"));
            case SET -> attribute.set() == null ? null : "{" + String.join(",", attribute.set().item()) + "}";
            case TEXT -> attribute.text() == null ? null : attribute.text().value();
        };
    }

    static String formatScalar(double value) {
        BigDecimal rounded = new BigDecimal(Double.toString(value)).setScale(3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
