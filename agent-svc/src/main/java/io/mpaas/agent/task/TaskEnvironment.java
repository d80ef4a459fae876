package io.mpaas.agent.task;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.TaskInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a task's process: the variables the framework put in the task (Marathon's
 * {@code PORT0..n}, {@code PORTS}, {@code HOST}, {@code MARATHON_APP_ID}, ...), then what a Mesos
 * executor adds ({@code MESOS_TASK_ID}, {@code MESOS_SANDBOX}, ...). The framework's own values win
 * where they overlap, except {@code MESOS_SANDBOX}, which must say where the sandbox really is.
 */
final class TaskEnvironment {

    /** Mesos's default {@code PATH} for tasks that set none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private TaskEnvironment() {
    }

    static Map<String, String> of(TaskInfo task, FrameworkInfo framework, AgentId agent, ExecutorId executor,
            ContainerId container, Path sandbox, String hostname) throws LaunchFailure {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOST", hostname);
        env.put("MESOS_TASK_ID", task.taskId().value());
        env.put("MESOS_FRAMEWORK_ID", framework.id().value());
        env.put("MESOS_AGENT_ID", agent.value());
        env.put("MESOS_SLAVE_ID", agent.value());
        env.put("MESOS_EXECUTOR_ID", executor.value());
        env.put("MESOS_CONTAINER_NAME", "mesos-" + container.value());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        String role = task.resources().stream().filter(r -> r.allocationInfo() != null)
                .map(r -> r.allocationInfo().role()).findFirst()
                .orElse(framework.effectiveRoles().isEmpty() ? "*" : framework.effectiveRoles().getFirst());
        env.put("MESOS_ALLOCATION_ROLE", role);
        CommandInfo command = task.command();
        if (command != null && command.environment() != null) {
            for (CommandInfo.Environment.Variable v : command.environment().variables()) {
                if (v.name() == null || v.name().isEmpty()) {
                    throw LaunchFailure.invalid("command.environment: a variable has no name");
                }
                if (v.type() != null && !"VALUE".equals(v.type())) {
                    throw LaunchFailure.invalid("command.environment." + v.name() + ": variables of type " + v.type()
                            + " are not supported by this agent (only VALUE)");
                }
                env.put(v.name(), v.value() == null ? "" : v.value());
            }
        }
        env.put("MESOS_SANDBOX", sandbox.toString());
        return env;
    }
}
