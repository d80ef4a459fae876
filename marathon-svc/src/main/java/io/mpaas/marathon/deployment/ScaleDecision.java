package io.mpaas.marathon.deployment;

import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How to bring an app to a number of instances (Marathon's {@code ScalingProposition}): which
 * instances to kill and how many new ones to start. Instances count when their goal is Running,
 * except UnreachableInactive ones, which are being replaced already.
 * <ul>
 *   <li>to kill: {@code max(running − scaleTo, sentenced)} instances, the sentenced ones first, then
 *       as {@link KillSelector} picks them (hostname constraints balanced, then {@link KillOrder});</li>
 *   <li>to start: {@code scaleTo − running + killed}, which replaces sentenced instances that were
 *       not surplus.</li>
 * </ul>
 * Sentenced ids that are not among the counted instances (unknown, or already decommissioned) are
 * ignored, so deciding again after the kills were carried out gives nothing more to do.
 *
 * @param toKill  in kill order
 * @param toStart new instances to schedule
 */
public record ScaleDecision(List<Instance> toKill, int toStart) {

    public ScaleDecision {
        toKill = List.copyOf(toKill);
        if (toStart < 0) {
            throw new IllegalArgumentException("toStart must not be negative: " + toStart);
        }
    }

    /**
     * @param instances every instance of the app, in any goal and condition
     * @param sentenced ids of instances to kill first (a kill with {@code scale=true}); may be empty
     */
    public static ScaleDecision decide(App app, int scaleTo, List<Instance> instances, List<String> sentenced) {
        if (scaleTo < 0) {
            throw new IllegalArgumentException("scaleTo must not be negative: " + scaleTo);
        }
        List<Instance> running = instances.stream().filter(ScaleDecision::counts).toList();
        List<Instance> doomed = sentenced.isEmpty() ? List.of() : doomed(running, sentenced);
        int decommission = Math.max(running.size() - scaleTo, doomed.size());
        int start = scaleTo - running.size() + decommission;
        return new ScaleDecision(KillSelector.of(app).select(running, doomed, decommission), start);
    }

    /** The sentenced ones among the counted instances, in the order sentenced. */
    private static List<Instance> doomed(List<Instance> running, List<String> sentenced) {
        Map<String, Instance> byId = running.stream()
                .collect(Collectors.toMap(Instance::instanceId, Function.identity()));
        return sentenced.stream().distinct().filter(byId::containsKey).map(byId::get).toList();
    }

    /** Whether an instance counts towards the app's instances: wanted running and not given up on. */
    static boolean counts(Instance instance) {
        return instance.goal() == Goal.RUNNING && instance.condition() != Condition.UNREACHABLE_INACTIVE;
    }

    public boolean isEmpty() {
        return toKill.isEmpty() && toStart == 0;
    }
}
