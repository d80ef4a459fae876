package io.mpaas.marathon.offer;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.mesos.TaskInfo;
import java.util.Objects;

/**
 * One instance placed on an offer: the instance as it is to be persisted before the LAUNCH is
 * sent, and the task to send.
 *
 * @param provisioned the instance in condition PROVISIONED, with its task id, agent, host and ports
 * @param task        the TaskInfo for the LAUNCH operation of the offer's ACCEPT
 */
public record Launch(Instance provisioned, TaskInfo task) {

    public Launch {
        Objects.requireNonNull(provisioned, "provisioned");
        Objects.requireNonNull(task, "task");
    }
}
