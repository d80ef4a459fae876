package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.PathId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read access to the instances the scheduler tracks; always answers from memory, never blocks on I/O. */
public interface InstanceView {

    Collection<Instance> all();

    /** The instances of one app, in no particular order. */
    List<Instance> of(PathId appId);

    Optional<Instance> byInstanceId(String instanceId);

    /** Whether any instance waits for an offer (condition SCHEDULED). */
    default boolean anyScheduled() {
        return all().stream().anyMatch(i -> i.condition() == Condition.SCHEDULED);
    }

    /** Finds the instance by its current task id (or by the instance id itself). */
    default Optional<Instance> byTaskId(String taskId) {
        return byInstanceId(Instance.instanceIdOfTask(taskId)).filter(i -> taskId.equals(i.taskId())
                || taskId.equals(i.instanceId()));
    }
}
