package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.framework.MesosCalls;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceView;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a new leader (or a re-subscribed one) agree with the master before it acts: first an
 * explicit reconciliation of every task it knows, and until each has been answered (or
 * {@link #EXPLICIT_TIMEOUT} passed) nothing is launched or killed, so no instance is doubled; then
 * an implicit one, whose answers reveal tasks marathon does not know, which the status handler kills.
 * Runs on the scheduler loop.
 */
public final class Reconciler {

    /**
     * How long a leader waits for the answers of an explicit reconciliation before it goes on: the
     * master answers every task at once, so only a lost answer makes this matter.
     */
    static final Duration EXPLICIT_TIMEOUT = Duration.ofSeconds(10);

    private enum Phase { IDLE, EXPLICIT, DONE }

    private final InstanceView instances;
    private final MesosCalls mesos;
    private final Clock clock;
    private final Duration interval;
    private final Set<String> pending = new HashSet<>();
    private volatile Phase phase = Phase.IDLE;
    private Instant startedAt;
    private Instant lastFull;

    public Reconciler(InstanceView instances, MesosCalls mesos, Clock clock, Duration interval) {
        this.instances = instances;
        this.mesos = mesos;
        this.clock = clock;
        this.interval = interval;
    }

    /** Whether launches and kills may go out: the first explicit reconciliation of the term is done. */
    public boolean ready() {
        return phase == Phase.DONE;
    }

    /** Starts a reconciliation (on every subscription). */
    public void start() {
        List<MesosCalls.TaskRef> known = instances.all().stream().filter(Instance::isActive)
                .filter(i -> i.taskId() != null).map(i -> new MesosCalls.TaskRef(i.taskId(), i.agentId())).toList();
        startedAt = clock.instant();
        lastFull = startedAt;
        if (known.isEmpty()) {
            finishExplicit();
            return;
        }
        pending.clear();
        known.forEach(ref -> pending.add(ref.taskId()));
        if (phase != Phase.DONE) {
            phase = Phase.EXPLICIT;
        }
        mesos.reconcile(known);
    }

    /** Every status update passes here: it answers the explicit reconciliation for its task. */
    public void observe(TaskStatus status) {
        if (!pending.isEmpty() && pending.remove(status.taskId().value()) && pending.isEmpty()) {
            finishExplicit();
        }
    }

    /** Periodic: gives up waiting for lost answers, and reconciles everything every {@code interval}. */
    public void tick() {
        Instant now = clock.instant();
        if (!pending.isEmpty() && startedAt != null && !now.isBefore(startedAt.plus(EXPLICIT_TIMEOUT))) {
            pending.clear();
            finishExplicit();
        }
        if (phase == Phase.DONE && lastFull != null && !now.isBefore(lastFull.plus(interval))) {
            start();
        }
    }

    /** Leadership ended: the next term starts over. */
    public void reset() {
        pending.clear();
        phase = Phase.IDLE;
    }

    private void finishExplicit() {
        phase = Phase.DONE;
        mesos.reconcile(List.of());
    }
}
