package io.mpaas.protocol.mesos;

import tools.jackson.databind.JsonNode;

/**
 * A task status update. Reliable updates carry a {@code uuid} (base64) that the framework
 * echoes back in ACKNOWLEDGE; updates made up by the master (reconciliation, errors) carry none.
 */
public record TaskStatus(
        TaskId taskId,
        TaskState state,
        String message,
        Source source,
        Reason reason,
        String data,
        AgentId agentId,
        ExecutorId executorId,
        Double timestamp,
        String uuid,
        Boolean healthy,
        JsonNode checkStatus,
        Labels labels,
        ContainerStatus containerStatus,
        TimeInfo unreachableTime,
        JsonNode limitation) {

    public enum Source {
        SOURCE_MASTER,
        SOURCE_AGENT,
        SOURCE_EXECUTOR
    }

    /** Why a status was sent. */
    public enum Reason {
        REASON_COMMAND_EXECUTOR_FAILED,
        REASON_CONTAINER_LAUNCH_FAILED,
        REASON_CONTAINER_LIMITATION,
        REASON_CONTAINER_LIMITATION_DISK,
        REASON_CONTAINER_LIMITATION_MEMORY,
        REASON_CONTAINER_PREEMPTED,
        REASON_CONTAINER_UPDATE_FAILED,
        REASON_MAX_COMPLETION_TIME_REACHED,
        REASON_EXECUTOR_REGISTRATION_TIMEOUT,
        REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
        REASON_EXECUTOR_TERMINATED,
        REASON_EXECUTOR_UNREGISTERED,
        REASON_FRAMEWORK_REMOVED,
        REASON_GC_ERROR,
        REASON_INVALID_FRAMEWORKID,
        REASON_INVALID_OFFERS,
        REASON_IO_SWITCHBOARD_EXITED,
        REASON_MASTER_DISCONNECTED,
        REASON_RECONCILIATION,
        REASON_RESOURCES_UNKNOWN,
        REASON_AGENT_DISCONNECTED,
        REASON_AGENT_DRAINING,
        REASON_AGENT_REMOVED,
        REASON_AGENT_REMOVED_BY_OPERATOR,
        REASON_AGENT_REREGISTERED,
        REASON_AGENT_RESTARTED,
        REASON_AGENT_UNKNOWN,
        REASON_TASK_KILLED_DURING_LAUNCH,
        REASON_TASK_CHECK_STATUS_UPDATED,
        REASON_TASK_HEALTH_CHECK_STATUS_UPDATED,
        REASON_TASK_GROUP_INVALID,
        REASON_TASK_GROUP_UNAUTHORIZED,
        REASON_TASK_INVALID,
        REASON_TASK_UNAUTHORIZED,
        REASON_TASK_UNKNOWN
    }

    /** A status made up by the master (no uuid: it needs no acknowledgement). */
    public static TaskStatus fromMaster(TaskId taskId, TaskState state, Reason reason, String message,
            AgentId agentId, double timestamp) {
        return new TaskStatus(taskId, state, message, Source.SOURCE_MASTER, reason, null, agentId, null, timestamp,
                null, null, null, null, null, null, null);
    }

    public TaskStatus withUuid(String newUuid) {
        return new TaskStatus(taskId, state, message, source, reason, data, agentId, executorId, timestamp, newUuid,
                healthy, checkStatus, labels, containerStatus, unreachableTime, limitation);
    }

    public TaskStatus withReason(Reason newReason) {
        return new TaskStatus(taskId, state, message, source, newReason, data, agentId, executorId, timestamp, uuid,
                healthy, checkStatus, labels, containerStatus, unreachableTime, limitation);
    }

    public TaskStatus withAgentId(AgentId newAgentId) {
        return new TaskStatus(taskId, state, message, source, reason, data, newAgentId, executorId, timestamp, uuid,
                healthy, checkStatus, labels, containerStatus, unreachableTime, limitation);
    }

    /** This status as a reconciliation answer: same state, no uuid, no data, reason RECONCILIATION. */
    public TaskStatus forReconciliation(double now) {
        return new TaskStatus(taskId, state, message, Source.SOURCE_MASTER, Reason.REASON_RECONCILIATION, null,
                agentId, executorId, now, null, healthy, null, null, containerStatus, unreachableTime, null);
    }

    public record ContainerStatus(
            ContainerId containerId,
            java.util.List<ContainerInfo.NetworkInfo> networkInfos,
            JsonNode cgroupInfo,
            Long executorPid) {
    }
}
