package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.Containerizer;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.agent.container.StartGate;
import io.mpaas.agent.machine.AgentIdentity;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.LongStream;
import org.springframework.stereotype.Component;

/**
 * Gets a task from "sent" to "its container runs": checks what the task asks for, creates the
 * sandbox, fetches the URIs into it ({@link LaunchPreparation}), computes the environment and
 * hands the task to its containerizer. Apart from {@link TaskRunner}, which decides and reports,
 * so that each launch step is added here and not to the runner.
 */
@Component
class TaskLauncher {

    private final Containerizers containerizers;
    private final HealthWatch health;
    private final AgentIdentity identity;
    private final LaunchPreparation preparation;

    TaskLauncher(Containerizers containerizers, HealthWatch health, AgentIdentity identity,
            LaunchPreparation preparation) {
        this.containerizers = containerizers;
        this.health = health;
        this.identity = identity;
        this.preparation = preparation;
    }

    /**
     * Launches on the calling (virtual) thread; the task's own code starts only once {@code gate} opens
     * (its launch checkpoint is on disk), while the sandbox, the image and the container are prepared.
     *
     * @throws LaunchFailure the task cannot run; the failure says in which terminal state
     * @throws CancellationException the task was killed before its container started
     */
    ContainerHandle launch(AgentTask task, StartGate gate) throws LaunchFailure, InterruptedException {
        TaskInfo info = task.info();
        if (info.command() == null && info.executor() != null) {
            throw LaunchFailure.invalid("Custom executors are not supported by this agent; send a command task"
                    + " (TaskInfo.command) instead of TaskInfo.executor");
        }
        if (info.command() == null && (info.container() == null || info.container().docker() == null)) {
            throw LaunchFailure.invalid("The task has neither a command nor a Docker image to run");
        }
        if (info.healthCheck() != null) {
            try {
                health.validate(info.healthCheck());
            } catch (IllegalArgumentException e) {
                throw LaunchFailure.invalid("health_check: " + e.getMessage());
            }
        }
        Containerizer containerizer = containerizers.of(task.kind())
                .orElseThrow(() -> LaunchFailure.failed("This agent has no " + task.kind() + " containerizer", null));
        if (!containerizer.available()) {
            throw LaunchFailure.failed("The " + task.kind().name().toLowerCase()
                    + " containerizer is not available on this agent (is the Docker engine running?)", null);
        }
        try {
            Files.createDirectories(task.sandbox());
        } catch (IOException e) {
            throw LaunchFailure.failed("Cannot create the sandbox " + task.sandbox() + ": " + e.getMessage(), e);
        }
        Map<String, String> env = TaskEnvironment.of(info, task.framework(), identity.agentId(), task.executorId(),
                task.containerId(), task.sandbox(), identity.hostname());
        prepareSandbox(task);
        Resources resources = Resources.of(info.resources());
        LaunchSpec spec = new LaunchSpec(task.containerId(), info, task.frameworkId(), identity.agentId(),
                task.sandbox(), env, resources.scalar("cpus"), resources.scalar("mem"),
                resources.ranges("ports").range().stream()
                        .flatMap(r -> LongStream.rangeClosed(r.begin(), r.end()).boxed()).toList());
        return containerizer.launch(spec, gate);
    }

    /**
     * Fetches the task's URIs, cancellable by a KILL through the task; a KILL that came during or
     * before the fetch ends the launch here, before any container exists.
     */
    private void prepareSandbox(AgentTask task) throws LaunchFailure, InterruptedException {
        String user = task.info().command() != null && task.info().command().user() != null
                ? task.info().command().user() : task.framework().user();
        LaunchPreparation.Preparing preparing = preparation.prepare(task.info(), user, task.sandbox());
        task.preparing(preparing);
        try {
            // A KILL that came before the line above found nothing to cancel: look again.
            if (task.killRequested()) {
                preparing.cancel();
            }
            preparing.await();
        } finally {
            task.preparing(null);
        }
        if (task.killRequested()) {
            throw new CancellationException("killed before its container started");
        }
    }
}
