package io.mpaas.marathon.offer;

import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.DomainInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Range;
import io.mpaas.protocol.mesos.ValueType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What placement constraints can ask about one agent: its hostname, fault domain and
 * attributes, each as the text Marathon compares. Constraint fields are {@code hostname} (or
 * {@code @hostname}), {@code @region}, {@code @zone}, or an attribute name.
 *
 * @param attributes by name; the first one wins when an agent repeats a name
 */
record AgentFacts(String agentId, String hostname, String region, String zone, Map<String, Attribute> attributes) {

    AgentFacts {
        attributes = Map.copyOf(attributes);
    }

    static AgentFacts of(Offer offer) {
        Map<String, Attribute> byName = new LinkedHashMap<>();
        for (Attribute a : offer.attributes()) {
            if (a != null && a.name() != null) {
                byName.putIfAbsent(a.name(), a);
            }
        }
        DomainInfo.FaultDomain domain = offer.domain() == null ? null : offer.domain().faultDomain();
        String region = domain == null || domain.region() == null ? null : domain.region().name();
        String zone = domain == null || domain.zone() == null ? null : domain.zone().name();
        return new AgentFacts(offer.agentId() == null ? null : offer.agentId().value(), offer.hostname(), region,
                zone, byName);
    }

    static boolean isHostname(String field) {
        return "hostname".equals(field) || "@hostname".equals(field);
    }

    /** The field's value as text, empty when the agent does not have it. */
    Optional<String> value(String field) {
        if (isHostname(field)) {
            return Optional.ofNullable(hostname);
        }
        if ("@region".equals(field)) {
            return Optional.ofNullable(region);
        }
        if ("@zone".equals(field)) {
            return Optional.ofNullable(zone);
        }
        Attribute attribute = attributes.get(field);
        return attribute == null ? Optional.empty() : Optional.ofNullable(format(attribute));
    }

    /** Whether the field is a scalar attribute, whose values compare as numbers rounded to 3 decimals. */
    boolean isScalar(String field) {
        Attribute attribute = attributes.get(field);
        return attribute != null && attribute.type() == ValueType.SCALAR;
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
