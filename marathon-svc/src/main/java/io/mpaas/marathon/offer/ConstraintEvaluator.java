package io.mpaas.marathon.offer;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.mesos.Offer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides whether Marathon's placement constraints allow one more instance of an app on an
 * offer's agent, given where its instances run already.
 *
 * <p>The field is the agent's hostname ({@code hostname}, {@code @hostname}), its fault domain
 * ({@code @region}, {@code @zone}) or an attribute, compared as text (scalars rounded half-even
 * to three decimals). An agent without the field is refused by every operator except UNLIKE.
 * Placed instances are counted by the facts of their agent recorded at launch ({@link AgentInfo}),
 * so a new leader counts every running instance at once. Instances stored before those facts were
 * kept are counted by what their agent's latest offer said ({@link AgentAttributes}) and not at all
 * for attribute fields until it has offered. A malformed constraint (validation should have refused it) is never met,
 * so a bad definition keeps the app waiting instead of placing it somewhere arbitrary.
 *
 * <p>GROUP_BY spreads as Marathon does: an agent whose value has no instance yet is always
 * accepted; otherwise its value must hold the fewest instances, and with {@code n} given
 * instances must already run under at least n values. It counts only values that hold
 * instances: values merely seen in offers do not count, because an agent that offered once and
 * then left (or can never fit the app) would otherwise block the app for good.
 */
public final class ConstraintEvaluator {

    private final AgentAttributes agents;
    private final ConcurrentMap<String, Optional<Pattern>> patterns = new ConcurrentHashMap<>();

    public ConstraintEvaluator(AgentAttributes agents) {
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    /** Whether every constraint of {@code app} allows one more instance on the offer's agent. */
    public boolean accepts(App app, Offer offer, Collection<Instance> placed) {
        return unmet(app, offer, placed).isEmpty();
    }

    /**
     * The constraints of {@code app} that the offer's agent does not meet.
     *
     * @param placed active instances (of any app; only {@code app}'s count)
     */
    public List<List<String>> unmet(App app, Offer offer, Collection<Instance> placed) {
        if (app.constraints() == null || app.constraints().isEmpty()) {
            return List.of();
        }
        return unmet(app, AgentFacts.of(offer), placed);
    }

    List<List<String>> unmet(App app, AgentFacts here, Collection<Instance> placed) {
        if (app.constraints() == null || app.constraints().isEmpty()) {
            return List.of();
        }
        PathId appId = PathId.of(app.id());
        List<Instance> siblings = placed.stream()
                .filter(i -> i.appId().equals(appId) && i.isActive())
                .toList();
        List<List<String>> unmet = new ArrayList<>();
        for (List<String> constraint : app.constraints()) {
            if (!meets(constraint, here, siblings)) {
                unmet.add(constraint);
            }
        }
        return unmet;
    }

    private boolean meets(List<String> constraint, AgentFacts here, List<Instance> siblings) {
        if (constraint == null || constraint.size() < 2 || constraint.size() > 3 || constraint.get(0) == null
                || constraint.get(1) == null) {
            return false;
        }
        String field = constraint.get(0);
        String operator = constraint.get(1).toUpperCase(Locale.ROOT);
        String value = constraint.size() == 3 ? constraint.get(2) : null;
        Optional<String> mine = here.value(field);
        if (mine.isEmpty()) {
            return operator.equals("UNLIKE");
        }
        String own = mine.get();
        return switch (operator) {
            case "UNIQUE" -> value == null && values(siblings, field).stream().noneMatch(own::equals);
            case "CLUSTER" -> cluster(field, own, value, here, siblings);
            case "GROUP_BY" -> groupBy(field, own, value, siblings);
            case "LIKE" -> pattern(value).map(p -> p.matcher(own).matches()).orElse(false);
            case "UNLIKE" -> pattern(value).map(p -> !p.matcher(own).matches()).orElse(false);
            case "MAX_PER" -> maxPer(field, own, value, siblings);
            case "IS" -> value != null && same(own, here.isScalar(field), value);
            default -> false;
        };
    }

    /**
     * With a value: only agents with exactly that value. Without: the first instance decides,
     * and every later one must go where the others are.
     */
    private boolean cluster(String field, String own, String value, AgentFacts here, List<Instance> siblings) {
        if (value != null && !value.isEmpty()) {
            return same(own, here.isScalar(field), value);
        }
        return values(siblings, field).stream().allMatch(own::equals);
    }

    private boolean groupBy(String field, String own, String value, List<Instance> siblings) {
        int minimumGroups = 0;
        if (value != null && !value.isEmpty()) {
            Integer parsed = integer(value);
            if (parsed == null) {
                return false;
            }
            minimumGroups = parsed;
        }
        Map<String, Integer> counts = counts(values(siblings, field));
        Integer mineCount = counts.get(own);
        if (mineCount == null) {
            return true;
        }
        int fewest = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        return counts.size() >= minimumGroups && mineCount == fewest;
    }

    private boolean maxPer(String field, String own, String value, List<Instance> siblings) {
        Integer limit = value == null ? null : integer(value);
        if (limit == null) {
            return false;
        }
        return counts(values(siblings, field)).getOrDefault(own, 0) < limit;
    }

    /** The field's value for each instance that has one. */
    private List<String> values(List<Instance> instances, String field) {
        List<String> result = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            valueOf(instance, field).ifPresent(result::add);
        }
        return result;
    }

    private Optional<String> valueOf(Instance instance, String field) {
        AgentInfo agent = instance.agentInfo();
        if (agent == null) {
            return Optional.empty();
        }
        if (agent.factsKnown() || AgentFacts.isHostname(field)) {
            return new AgentFacts(agent).value(field);
        }
        return agents.of(agent.agentId()).flatMap(latest -> new AgentFacts(latest).value(field));
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> counts = new HashMap<>();
        for (String v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        return counts;
    }

    /** Text equality; a scalar attribute also equals a number that formats the same ({@code 2.0} is {@code 2}). */
    private static boolean same(String own, boolean scalar, String expected) {
        if (own.equals(expected)) {
            return true;
        }
        if (scalar) {
            try {
                return own.equals(AgentFacts.formatScalar(Double.parseDouble(expected.trim())));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private Optional<Pattern> pattern(String regex) {
        if (regex == null) {
            return Optional.empty();
        }
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Optional.of(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                return Optional.empty();
            }
        });
    }

    private static Integer integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
