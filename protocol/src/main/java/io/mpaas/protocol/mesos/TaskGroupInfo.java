package io.mpaas.protocol.mesos;

import java.util.List;

/** Tasks launched together in one executor (LAUNCH_GROUP). */
public record TaskGroupInfo(List<TaskInfo> tasks) {
    public TaskGroupInfo {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
