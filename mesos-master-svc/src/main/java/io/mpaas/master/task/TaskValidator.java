package io.mpaas.master.task;

import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.HealthCheck;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.ValueType;
import java.util.List;
import java.util.Optional;

/**
 * Checks a TaskInfo the way Mesos's master does before it launches anything. Each check returns
 * the message the framework will read in TASK_ERROR; nothing here touches the cluster.
 */
public final class TaskValidator {

    /** Mesos's limit on the length of an id. */
    static final int MAX_ID_LENGTH = 242;

    private TaskValidator() {
    }

    /** Mesos's rules for task and executor ids. */
    public static Optional<String> validateId(String what, String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of(what + " must not be empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            return Optional.of(what + " '" + id + "' is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of(what + " '" + id + "' is reserved");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return Optional.of(what + " '" + id + "' contains an invalid character ('/', whitespace or control)");
            }
        }
        return Optional.empty();
    }

    /** The resources themselves: names, types, values. */
    public static Optional<String> validateResources(String owner, List<Resource> resources) {
        for (Resource r : resources) {
            if (r.name() == null || r.name().isEmpty()) {
                return Optional.of(owner + " has a resource without a name");
            }
            if (r.type() == null || r.type() == ValueType.TEXT) {
                return Optional.of(owner + " resource '" + r.name() + "' has no valid type");
            }
            boolean ok = switch (r.type()) {
                case SCALAR -> r.scalar() != null && r.scalar().value() >= 0 && Double.isFinite(r.scalar().value());
                case RANGES -> r.ranges() != null;
                case SET -> r.set() != null;
                case TEXT -> false;
            };
            if (!ok) {
                return Optional.of(owner + " resource '" + r.name() + "' has an invalid " + r.type() + " value");
            }
        }
        return Optional.empty();
    }

    /** A task on its own: ids, what to run, resources, container, health check. */
    public static Optional<String> validateTask(TaskInfo task, boolean inGroup) {
        if (task.taskId() == null) {
            return Optional.of("Task has no 'task_id'");
        }
        Optional<String> error = validateId("Task ID", task.taskId().value());
        if (error.isPresent()) {
            return error;
        }
        if (task.name() == null) {
            return Optional.of("Task " + task.taskId() + " has no 'name'");
        }
        if (inGroup) {
            if (task.executor() != null) {
                return Optional.of("Task " + task.taskId() + " in a task group must not set 'executor'");
            }
        } else if ((task.command() == null) == (task.executor() == null)) {
            return Optional.of("Task " + task.taskId() + " should have at least one (but not both) of CommandInfo or"
                    + " ExecutorInfo present");
        }
        if (task.resources().isEmpty()) {
            return Optional.of("Task " + task.taskId() + " uses no resources");
        }
        error = validateResources("Task " + task.taskId(), task.resources());
        if (error.isPresent()) {
            return error;
        }
        if (task.executor() != null) {
            error = validateExecutor(task.executor());
            if (error.isPresent()) {
                return error;
            }
        }
        error = validateContainer(task);
        return error.isPresent() ? error : validateHealthCheck(task);
    }

    public static Optional<String> validateExecutor(ExecutorInfo executor) {
        if (executor.executorId() == null) {
            return Optional.of("Executor has no 'executor_id'");
        }
        Optional<String> error = validateId("Executor ID", executor.executorId().value());
        if (error.isPresent()) {
            return error;
        }
        if (executor.type() != ExecutorInfo.Type.DEFAULT && executor.command() == null) {
            return Optional.of("Executor " + executor.executorId() + " has no 'command'");
        }
        return validateResources("Executor " + executor.executorId(), executor.resources());
    }

    private static Optional<String> validateContainer(TaskInfo task) {
        ContainerInfo container = task.container();
        if (container == null) {
            return Optional.empty();
        }
        if (container.type() == null) {
            return Optional.of("Task " + task.taskId() + " has a container without a valid 'type'");
        }
        if (container.type() == ContainerInfo.Type.DOCKER) {
            ContainerInfo.DockerInfo docker = container.docker();
            if (docker == null || docker.image() == null || docker.image().isBlank()) {
                return Optional.of("Task " + task.taskId() + " has a DOCKER container without 'docker.image'");
            }
            Ranges ports = Resources.of(task.resources()).ranges("ports");
            for (ContainerInfo.PortMapping mapping : docker.portMappings()) {
                if (mapping.hostPort() == null || mapping.containerPort() == null) {
                    return Optional.of("Task " + task.taskId() + " has a port mapping without host_port or container_port");
                }
                if (docker.effectiveNetwork() == ContainerInfo.DockerInfo.Network.BRIDGE
                        && !ports.contains(mapping.hostPort())) {
                    return Optional.of("Task " + task.taskId() + " maps host port " + mapping.hostPort()
                            + " which is not in its 'ports' resources " + ports);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> validateHealthCheck(TaskInfo task) {
        HealthCheck check = task.healthCheck();
        if (check == null) {
            return Optional.empty();
        }
        String prefix = "Task " + task.taskId() + " health check ";
        if (check.type() == null || check.type() == HealthCheck.Type.UNKNOWN) {
            return Optional.of(prefix + "has no valid 'type' (COMMAND, HTTP or TCP)");
        }
        return switch (check.type()) {
            case HTTP -> check.http() == null || check.http().port() == null
                    ? Optional.of(prefix + "of type HTTP needs 'http.port'") : Optional.empty();
            case TCP -> check.tcp() == null || check.tcp().port() == null
                    ? Optional.of(prefix + "of type TCP needs 'tcp.port'") : Optional.empty();
            case COMMAND -> check.command() == null
                    ? Optional.of(prefix + "of type COMMAND needs 'command'") : Optional.empty();
            case UNKNOWN -> Optional.of(prefix + "has no valid 'type'");
        };
    }
}
