package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.PathId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Read access to the instances the scheduler tracks; always answers from memory, never blocks on I/O. */
public interface InstanceView {

    /** The order in which waiting instances launch: the longest waiting first, then by instance id. */
    Comparator<Instance> LAUNCH_ORDER = Comparator.comparing(Instance::since).thenComparing(Instance::instanceId);

    Collection<Instance> all();

    /** The instances of one app, in no particular order. */
    List<Instance> of(PathId appId);

    Optional<Instance> byInstanceId(String instanceId);

    /** Whether any instance waits for an offer (condition SCHEDULED). */
    default boolean anyScheduled() {
        return all().stream().anyMatch(i -> i.condition() == Condition.SCHEDULED);
    }

    /** Whether any instance of {@code appId} waits for an offer (condition SCHEDULED). */
    default boolean anyScheduled(PathId appId) {
        return of(appId).stream().anyMatch(i -> i.condition() == Condition.SCHEDULED);
    }

    /** The instances waiting for an offer (condition SCHEDULED) in {@link #LAUNCH_ORDER}. */
    default Collection<Instance> scheduled() {
        return all().stream().filter(i -> i.condition() == Condition.SCHEDULED).sorted(LAUNCH_ORDER).toList();
    }

    /** Finds the instance by its current task id (or by the instance id itself). */
    default Optional<Instance> byTaskId(String taskId) {
        return byInstanceId(Instance.instanceIdOfTask(taskId)).filter(i -> taskId.equals(i.taskId())
                || taskId.equals(i.instanceId()));
    }
}
