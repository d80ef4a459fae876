package io.mpaas.agent.task;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The tasks this agent runs or ran (until garbage-collected), and their frameworks. */
@Component
public class AgentTasks {

    private final Map<TaskId, AgentTask> tasks = new ConcurrentHashMap<>();
    private final Map<FrameworkId, FrameworkInfo> frameworks = new ConcurrentHashMap<>();

    /** Adds a task; false when one with that id exists already. */
    boolean add(AgentTask task) {
        frameworks.put(task.frameworkId(), task.framework());
        return tasks.putIfAbsent(task.taskId(), task) == null;
    }

    void remove(AgentTask task) {
        tasks.remove(task.taskId(), task);
        if (tasks.values().stream().noneMatch(t -> t.frameworkId().equals(task.frameworkId()))) {
            frameworks.remove(task.frameworkId());
        }
    }

    public Optional<AgentTask> get(TaskId id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public Collection<AgentTask> all() {
        return List.copyOf(tasks.values());
    }

    public List<AgentTask> ofFramework(FrameworkId framework) {
        return tasks.values().stream().filter(t -> t.frameworkId().equals(framework)).toList();
    }

    /** What the live (non-terminal) tasks hold. */
    public Resources used() {
        Resources used = Resources.EMPTY;
        for (AgentTask t : tasks.values()) {
            if (!t.isTerminal()) {
                used = used.plus(Resources.of(t.info().resources()));
            }
        }
        return used;
    }

    public Map<FrameworkId, FrameworkInfo> frameworks() {
        return Map.copyOf(frameworks);
    }
}
