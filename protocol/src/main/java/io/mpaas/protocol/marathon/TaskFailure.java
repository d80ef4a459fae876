package io.mpaas.protocol.marathon;

/**
 * The most recent failed task of an app ({@code lastTaskFailure}), kept after the task itself is gone
 * so that a crash-looping app shows why it fails.
 *
 * @param state     the Mesos state the task ended in, e.g. {@code TASK_FAILED}
 * @param timestamp when the failure was reported
 * @param version   the app version the task ran
 */
public record TaskFailure(
        String appId,
        String host,
        String message,
        String state,
        String taskId,
        String timestamp,
        String version,
        String slaveId) {
}
