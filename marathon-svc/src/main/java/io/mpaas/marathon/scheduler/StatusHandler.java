package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.framework.MesosCalls;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceEvent;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Clock;
import java.util.Optional;

/**
 * Handles task status updates from the master: the instance moves, the change is stored, and only
 * then is the update acknowledged and published. A task marathon does not know (launched by a
 * previous leader and forgotten, or of a deleted app) is killed, never adopted.
 */
public final class StatusHandler {

    private final InstanceTracker tracker;
    private final InstanceUpdates updates;
    private final MesosCalls mesos;
    private final Events events;
    private final Clock clock;

    public StatusHandler(InstanceTracker tracker, InstanceUpdates updates, MesosCalls mesos, Events events,
            Clock clock) {
        this.tracker = tracker;
        this.updates = updates;
        this.mesos = mesos;
        this.events = events;
        this.clock = clock;
    }

    public void onUpdate(UnitOfWork work, TaskStatus status) {
        String taskId = status.taskId().value();
        Optional<Instance> known = tracker.byTaskId(taskId);
        if (known.isEmpty()) {
            onUnknownTask(work, status, taskId);
            return;
        }
        Instance before = known.get();
        Instance after = updates.apply(work, before, new InstanceEvent.StatusReceived(status, clock.instant()));
        Instance shown = after != null ? after
                : before.withStatus(Condition.of(status), clock.instant(), before.startedAt(), before.healthy(),
                        before.ipAddresses(), before.unreachableSince(), status.message());
        work.afterCommit(() -> {
            events.statusUpdate(shown, status);
            mesos.acknowledge(status);
        });
    }

    private void onUnknownTask(UnitOfWork work, TaskStatus status, String taskId) {
        Condition condition = Condition.of(status);
        String agentId = status.agentId() == null ? null : status.agentId().value();
        String instanceId = Instance.instanceIdOfTask(taskId);
        work.afterCommit(() -> {
            if (!condition.isTerminal()) {
                mesos.kill(taskId, agentId);
            } else {
                events.unknownInstanceTerminated(instanceId, appIdOf(instanceId), condition.marathonName());
            }
            mesos.acknowledge(status);
        });
    }

    /** The app id encoded in an instance id ({@code prod_web.instance-...} is {@code /prod/web}). */
    private static PathId appIdOf(String instanceId) {
        int marker = instanceId.indexOf(".instance-");
        String safe = marker < 0 ? instanceId : instanceId.substring(0, marker);
        return PathId.of("/" + safe.replace('_', '/'));
    }
}
