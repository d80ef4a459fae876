package io.mpaas.protocol.agentlink;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.DurationInfo;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.KillPolicy;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.TaskGroupInfo;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;

/** An event the master pushes to an agent on the agent's stream. */
public record AgentEvent(
        Type type,
        Registered registered,
        Launch launch,
        LaunchGroup launchGroup,
        Kill kill,
        Acknowledge acknowledge,
        ShutdownExecutor shutdownExecutor,
        ShutdownFramework shutdownFramework,
        Ping ping,
        Message message,
        Error error) {

    public enum Type {
        UNKNOWN,
        /** First event of a stream: the agent's id and how the master will watch it. */
        REGISTERED,
        /** Run one task. */
        LAUNCH,
        /** Run a task group in one executor. */
        LAUNCH_GROUP,
        /** Kill a task. */
        KILL,
        /** The framework acknowledged a status update: the agent may send the task's next one. */
        ACKNOWLEDGE,
        SHUTDOWN_EXECUTOR,
        /** The framework is gone: kill all its tasks and forget it. */
        SHUTDOWN_FRAMEWORK,
        /** Liveness probe; the agent answers with a PONG call. Doubles as the stream's keep-alive. */
        PING,
        /** Scheduler to executor, unreliable. */
        MESSAGE,
        /** The master refused the agent; the stream ends after it. */
        ERROR
    }

    /**
     * The master accepted the (re)registration. The agent should expect a PING every
     * {@code ping_interval_seconds}; after {@code max_missed_pings} unanswered ones the master
     * treats it as unreachable, and the agent should look for a (new) leader after as long a silence.
     */
    public record Registered(AgentId agentId, MasterInfo masterInfo, Double pingIntervalSeconds,
            Integer maxMissedPings, Boolean reregistered) {
    }

    public record Launch(FrameworkInfo frameworkInfo, TaskInfo task) {
    }

    public record LaunchGroup(FrameworkInfo frameworkInfo, ExecutorInfo executor, TaskGroupInfo taskGroup) {
    }

    public record Kill(FrameworkId frameworkId, TaskId taskId, KillPolicy killPolicy) {
    }

    public record Acknowledge(FrameworkId frameworkId, TaskId taskId, String uuid) {
    }

    public record ShutdownExecutor(FrameworkId frameworkId, ExecutorId executorId, DurationInfo gracePeriod) {
    }

    public record ShutdownFramework(FrameworkId frameworkId) {
    }

    public record Ping(Long sequence) {
    }

    public record Message(FrameworkId frameworkId, ExecutorId executorId, String data) {
    }

    public record Error(String message) {
    }

    public static AgentEvent registered(Registered registered) {
        return new AgentEvent(Type.REGISTERED, registered, null, null, null, null, null, null, null, null, null);
    }

    public static AgentEvent launch(FrameworkInfo framework, TaskInfo task) {
        return new AgentEvent(Type.LAUNCH, null, new Launch(framework, task), null, null, null, null, null, null,
                null, null);
    }

    public static AgentEvent launchGroup(FrameworkInfo framework, ExecutorInfo executor, TaskGroupInfo group) {
        return new AgentEvent(Type.LAUNCH_GROUP, null, null, new LaunchGroup(framework, executor, group), null,
                null, null, null, null, null, null);
    }

    public static AgentEvent kill(FrameworkId framework, TaskId task, KillPolicy policy) {
        return new AgentEvent(Type.KILL, null, null, null, new Kill(framework, task, policy), null, null, null, null,
                null, null);
    }

    public static AgentEvent acknowledge(FrameworkId framework, TaskId task, String uuid) {
        return new AgentEvent(Type.ACKNOWLEDGE, null, null, null, null, new Acknowledge(framework, task, uuid), null,
                null, null, null, null);
    }

    public static AgentEvent shutdownExecutor(FrameworkId framework, ExecutorId executor, DurationInfo grace) {
        return new AgentEvent(Type.SHUTDOWN_EXECUTOR, null, null, null, null, null,
                new ShutdownExecutor(framework, executor, grace), null, null, null, null);
    }

    public static AgentEvent shutdownFramework(FrameworkId framework) {
        return new AgentEvent(Type.SHUTDOWN_FRAMEWORK, null, null, null, null, null, null,
                new ShutdownFramework(framework), null, null, null);
    }

    public static AgentEvent ping(long sequence) {
        return new AgentEvent(Type.PING, null, null, null, null, null, null, null, new Ping(sequence), null, null);
    }

    public static AgentEvent message(FrameworkId framework, ExecutorId executor, String data) {
        return new AgentEvent(Type.MESSAGE, null, null, null, null, null, null, null, null,
                new Message(framework, executor, data), null);
    }

    public static AgentEvent error(String message) {
        return new AgentEvent(Type.ERROR, null, null, null, null, null, null, null, null, null, new Error(message));
    }
}
