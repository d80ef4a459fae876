package io.mpaas.marathon.instance;

import io.mpaas.marathon.instance.InstanceEvent.Decommissioned;
import io.mpaas.marathon.instance.InstanceEvent.KillRequested;
import io.mpaas.marathon.instance.InstanceEvent.StatusReceived;
import io.mpaas.marathon.instance.InstanceEvent.UnreachableCheck;
import io.mpaas.marathon.instance.InstanceSideEffect.ConditionChanged;
import io.mpaas.marathon.instance.InstanceSideEffect.Expunge;
import io.mpaas.marathon.instance.InstanceSideEffect.HealthChanged;
import io.mpaas.marathon.instance.InstanceSideEffect.KillTask;
import io.mpaas.marathon.instance.InstanceSideEffect.RaiseBackoff;
import io.mpaas.protocol.marathon.UnreachableStrategy;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an instance moves: a pure function from (instance, event) to the next instance and the side
 * effects. The caller stores the result first, then carries out the effects.
 *
 * <p>Rules, after Marathon: a terminal task ends the instance (it is expunged; if its goal was
 * RUNNING the app's scale check replaces it). A failure (FAILED, ERROR, FINISHED, GONE, DROPPED,
 * UNKNOWN; not a KILLED) raises the app version's backoff. A decommissioned or killed instance stays
 * KILLING until Mesos confirms. An unreachable instance becomes UNREACHABLE_INACTIVE after the
 * app's {@code inactiveAfterSeconds} (it then no longer counts, so a replacement starts) and is
 * expunged and killed after {@code expungeAfterSeconds}; with the strategy "disabled" it waits.
 */
public final class InstanceStateMachine {

    private InstanceStateMachine() {
    }

    /** The next state and what to do. {@code next} is null when the instance is expunged. */
    public record Transition(Instance next, List<InstanceSideEffect> effects) {
        public Transition {
            effects = List.copyOf(effects);
        }

        static Transition unchanged(Instance instance) {
            return new Transition(instance, List.of());
        }
    }

    public static Transition apply(Instance instance, InstanceEvent event) {
        Objects.requireNonNull(instance, "instance");
        return switch (event) {
            case StatusReceived status -> onStatus(instance, status.status(), status.at());
            case KillRequested kill -> onKill(instance, kill.at());
            case Decommissioned decommissioned -> onKill(instance.withGoal(Goal.DECOMMISSIONED), decommissioned.at());
            case UnreachableCheck check -> onUnreachableCheck(instance, check.strategy(), check.at());
        };
    }

    private static Transition onStatus(Instance instance, TaskStatus status, Instant now) {
        if (instance.condition() == Condition.SCHEDULED) {
            // A status for a task we never launched (a stale task id): nothing to update.
            return Transition.unchanged(instance);
        }
        Condition reported = Condition.of(status);
        List<InstanceSideEffect> effects = new ArrayList<>();
        if (reported.isTerminal()) {
            Instance last = instance.withStatus(reported, now, instance.startedAt(), instance.healthy(),
                    instance.ipAddresses(), instance.unreachableSince(), status.message());
            effects.add(new ConditionChanged(last));
            if (instance.goal() == Goal.RUNNING && raisesBackoff(reported)) {
                effects.add(new RaiseBackoff(last));
            }
            effects.add(new Expunge(last));
            return new Transition(null, effects);
        }
        Condition next = nextCondition(instance, reported);
        Instant startedAt = instance.startedAt() == null && next == Condition.RUNNING ? now : instance.startedAt();
        Instant unreachableSince = next == Condition.UNREACHABLE || next == Condition.UNREACHABLE_INACTIVE
                ? (instance.unreachableSince() == null ? now : instance.unreachableSince())
                : null;
        Boolean healthy = status.healthy() != null ? status.healthy()
                : (reported == Condition.RUNNING ? instance.healthy() : null);
        List<String> addresses = addresses(status, instance.ipAddresses());
        Instance updated = instance.withStatus(next, now, startedAt, healthy, addresses, unreachableSince,
                status.message());
        if (next != instance.condition()) {
            effects.add(new ConditionChanged(updated));
        }
        if (!Objects.equals(healthy, instance.healthy())) {
            effects.add(new HealthChanged(updated, healthy));
        }
        return new Transition(updated, effects);
    }

    /**
     * A kill in progress stays KILLING whatever non-terminal state is reported; an instance that was
     * given up as inactive stays inactive until it is reachable again; a task that has run never goes
     * back to STAGING or STARTING: such an update is one that arrived late (after the RUNNING sent after
     * it, as happens across a failover), and taking it would leave the instance starting forever.
     */
    private static Condition nextCondition(Instance instance, Condition reported) {
        if ((reported == Condition.STAGING || reported == Condition.STARTING) && instance.startedAt() != null) {
            return instance.condition();
        }
        if (instance.condition() == Condition.KILLING && reported != Condition.UNREACHABLE) {
            return Condition.KILLING;
        }
        if (reported == Condition.UNREACHABLE && instance.condition() == Condition.UNREACHABLE_INACTIVE) {
            return Condition.UNREACHABLE_INACTIVE;
        }
        return reported;
    }

    private static boolean raisesBackoff(Condition terminal) {
        return terminal != Condition.KILLED && terminal != Condition.GONE_BY_OPERATOR;
    }

    private static List<String> addresses(TaskStatus status, List<String> previous) {
        if (status.containerStatus() == null || status.containerStatus().networkInfos() == null) {
            return previous;
        }
        List<String> result = new ArrayList<>();
        for (ContainerInfo.NetworkInfo network : status.containerStatus().networkInfos()) {
            network.ipAddresses().stream().map(ContainerInfo.NetworkInfo.IpAddress::ipAddress)
                    .filter(Objects::nonNull).forEach(result::add);
        }
        return result.isEmpty() ? previous : result;
    }

    private static Transition onKill(Instance instance, Instant now) {
        if (instance.condition() == Condition.SCHEDULED) {
            // Never launched: nothing to kill. A kept slot simply stays scheduled.
            return instance.goal() == Goal.DECOMMISSIONED
                    ? new Transition(null, List.of(new Expunge(instance)))
                    : Transition.unchanged(instance);
        }
        if (instance.condition() == Condition.KILLING) {
            return new Transition(instance, List.of());
        }
        Instance killing = instance.withCondition(Condition.KILLING, now);
        return new Transition(killing, List.of(new ConditionChanged(killing),
                new KillTask(instance.taskId(), instance.agentId())));
    }

    private static Transition onUnreachableCheck(Instance instance, UnreachableStrategy strategy, Instant now) {
        boolean unreachable = instance.condition() == Condition.UNREACHABLE
                || instance.condition() == Condition.UNREACHABLE_INACTIVE;
        if (!unreachable || instance.unreachableSince() == null || strategy == null || strategy.disabled()) {
            return Transition.unchanged(instance);
        }
        long away = now.getEpochSecond() - instance.unreachableSince().getEpochSecond();
        long expungeAfter = strategy.expungeAfterSeconds() == null ? 0 : strategy.expungeAfterSeconds();
        long inactiveAfter = strategy.inactiveAfterSeconds() == null ? 0 : strategy.inactiveAfterSeconds();
        if (away >= expungeAfter && away >= inactiveAfter) {
            Instance last = instance.withCondition(Condition.UNREACHABLE_INACTIVE, now);
            // If it ever comes back it is unknown to us, and an unknown task is killed then.
            return new Transition(null, List.of(new KillTask(instance.taskId(), instance.agentId()),
                    new Expunge(last)));
        }
        if (away >= inactiveAfter && instance.condition() == Condition.UNREACHABLE) {
            Instance inactive = instance.withCondition(Condition.UNREACHABLE_INACTIVE, now);
            return new Transition(inactive, List.of(new ConditionChanged(inactive)));
        }
        return Transition.unchanged(instance);
    }
}
