package io.mpaas.agent.task;

import io.mpaas.protocol.mesos.TaskState;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Counts, since the agent started, the status updates it made per state (Mesos's {@code slave/tasks_*} counters). */
@Component
public class TaskCounters {

    private final Map<TaskState, AtomicLong> byState = new EnumMap<>(TaskState.class);
    private final AtomicLong updates = new AtomicLong();

    public TaskCounters() {
        for (TaskState s : TaskState.values()) {
            byState.put(s, new AtomicLong());
        }
    }

    void reported(TaskState state) {
        byState.get(state).incrementAndGet();
        updates.incrementAndGet();
    }

    /** Updates made with this state since start. */
    public long count(TaskState state) {
        return byState.get(state).get();
    }

    /** All status updates made since start. */
    public long updates() {
        return updates.get();
    }
}
