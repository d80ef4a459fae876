package io.mpaas.marathon.deployment;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks which instances to kill when an app has more than it wants: explicitly sentenced ones
 * first, then picks that keep the app's hostname constraints balanced, then {@link KillOrder}.
 *
 * <p>Balancing is done for constraints on {@code hostname} (or {@code @hostname}) only, because an
 * instance knows its host but not the agent's attributes: with {@code GROUP_BY}, each kill is taken
 * from the most crowded host while hosts carry unequal numbers; with {@code UNIQUE} while a host
 * carries more than one; with {@code MAX_PER n} while a host carries more than n. When the hosts
 * are balanced, the next kill follows {@link KillOrder} alone. Instances not placed on a host yet
 * do not count towards any host. This is a greedy choice, one kill at a time, which keeps the
 * spread as even as the kills allow.
 */
final class KillSelector {

    private final KillOrder order;
    private final List<HostRule> rules;

    private KillSelector(KillOrder order, List<HostRule> rules) {
        this.order = order;
        this.rules = rules;
    }

    static KillSelector of(App app) {
        List<HostRule> rules = new ArrayList<>();
        if (app.constraints() != null) {
            for (List<String> constraint : app.constraints()) {
                HostRule.parse(constraint).ifPresent(rules::add);
            }
        }
        return new KillSelector(KillOrder.of(app), List.copyOf(rules));
    }

    /** Orders instances by {@link KillOrder} (for callers that add their own first criterion). */
    Comparator<Instance> order() {
        return order;
    }

    /**
     * {@code count} instances out of {@code candidates} to kill, in kill order: every one of
     * {@code sentenced} (which must be candidates) first, then the choice described above.
     */
    List<Instance> select(List<Instance> candidates, List<Instance> sentenced, int count) {
        List<Instance> chosen = new ArrayList<>(sentenced);
        if (chosen.size() >= count) {
            // Nothing to choose (the usual case: called after every change of every deploying app).
            return chosen;
        }
        Set<String> sentencedIds = new HashSet<>();
        sentenced.forEach(i -> sentencedIds.add(i.instanceId()));
        List<Instance> remaining = new ArrayList<>(candidates.stream()
                .filter(i -> !sentencedIds.contains(i.instanceId())).sorted(order).toList());
        while (chosen.size() < count && !remaining.isEmpty()) {
            Instance next = nextToKill(remaining);
            remaining.remove(next);
            chosen.add(next);
        }
        return chosen;
    }

    /** The first in kill order, from the most crowded host if a rule finds the hosts unbalanced. */
    private Instance nextToKill(List<Instance> remaining) {
        Map<String, Integer> perHost = new HashMap<>();
        remaining.stream().filter(i -> i.host() != null).forEach(i -> perHost.merge(i.host(), 1, Integer::sum));
        if (!perHost.isEmpty()) {
            int max = perHost.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            int min = perHost.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
            if (rules.stream().anyMatch(rule -> rule.unbalanced(max, min))) {
                return remaining.stream().filter(i -> i.host() != null && perHost.get(i.host()) == max)
                        .findFirst().orElseThrow();
            }
        }
        return remaining.getFirst();
    }

    /** A hostname constraint that kills can help keep. */
    private record HostRule(String operator, int limit) {

        static Optional<HostRule> parse(List<String> constraint) {
            if (constraint == null || constraint.size() < 2 || constraint.get(1) == null
                    || !("hostname".equals(constraint.get(0)) || "@hostname".equals(constraint.get(0)))) {
                return Optional.empty();
            }
            String operator = constraint.get(1).toUpperCase(Locale.ROOT);
            return switch (operator) {
                case "GROUP_BY", "UNIQUE" -> Optional.of(new HostRule(operator, 0));
                case "MAX_PER" -> {
                    try {
                        yield Optional.of(new HostRule(operator, Integer.parseInt(constraint.get(2))));
                    } catch (RuntimeException invalid) {
                        // Validation rejects such definitions; an unusable limit just does not balance.
                        yield Optional.empty();
                    }
                }
                default -> Optional.empty();
            };
        }

        boolean unbalanced(int maxPerHost, int minPerHost) {
            return switch (operator) {
                case "GROUP_BY" -> maxPerHost > minPerHost;
                case "UNIQUE" -> maxPerHost > 1;
                default -> maxPerHost > limit;
            };
        }
    }
}
