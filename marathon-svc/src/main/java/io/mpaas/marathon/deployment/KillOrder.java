package io.mpaas.marathon.deployment;

import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.Comparator;

/**
 * Which instance of an app to kill first when fewer are wanted (Marathon's
 * {@code ScalingProposition}): the ones that cost least to lose go first. By condition:
 * unreachable, then not yet running (scheduled, provisioned, staging), then starting, then
 * running, then anything else. Among staging ones the longest staged goes first (it is the most
 * likely stuck); among starting ones the one that started starting first; among running ones the
 * app's {@code killSelection} decides: {@code YOUNGEST_FIRST} (default) kills the latest started,
 * {@code OLDEST_FIRST} the earliest. The instance id breaks remaining ties so the order is total.
 */
final class KillOrder implements Comparator<Instance> {

    private final boolean oldestFirst;

    private KillOrder(boolean oldestFirst) {
        this.oldestFirst = oldestFirst;
    }

    static KillOrder of(App app) {
        return new KillOrder("OLDEST_FIRST".equals(app.killSelection()));
    }

    /** Lower goes first. */
    static int weight(Condition condition) {
        return switch (condition) {
            case UNREACHABLE, UNREACHABLE_INACTIVE -> 0;
            case SCHEDULED, PROVISIONED, STAGING -> 1;
            case STARTING -> 2;
            case RUNNING -> 3;
            default -> 4;
        };
    }

    @Override
    public int compare(Instance a, Instance b) {
        int weight = Integer.compare(weight(a.condition()), weight(b.condition()));
        if (weight != 0) {
            return weight;
        }
        int byTime = switch (weight(a.condition())) {
            // Scheduled instances have no stagedAt and go first: they hold nothing yet.
            case 1 -> Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).compare(a.stagedAt(), b.stagedAt());
            case 3 -> compareStarted(a.startedAt(), b.startedAt());
            default -> 0;
        };
        if (byTime == 0) {
            byTime = a.since().compareTo(b.since());
        }
        return byTime != 0 ? byTime : a.instanceId().compareTo(b.instanceId());
    }

    /** A running instance without a start time is taken as the youngest. */
    private int compareStarted(Instant a, Instant b) {
        Comparator<Instant> oldest = Comparator.nullsLast(Comparator.naturalOrder());
        return oldestFirst ? oldest.compare(a, b) : oldest.compare(b, a);
    }
}
