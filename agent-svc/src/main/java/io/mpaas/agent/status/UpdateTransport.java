package io.mpaas.agent.status;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskStatus;

/** Where status updates go: the link to the leading master. */
public interface UpdateTransport {

    /** Whether a registered link exists right now; updates wait while it does not. */
    boolean isConnected();

    /** Sends one update (fire and forget: delivery is confirmed only by the acknowledgement). */
    void send(FrameworkId framework, TaskStatus update);
}
