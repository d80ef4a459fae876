package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.TaskFailure;
import java.util.Optional;

/**
 * The most recent task failure of each app ({@code lastTaskFailure}). The instance tracker forgets
 * a task once it is terminal, so whoever handles status updates keeps the last failure apart
 * (Marathon's TaskFailureRepository: TASK_FAILED, TASK_ERROR, TASK_LOST and the like, not kills).
 * Answers from memory.
 */
public interface TaskFailureView {

    Optional<TaskFailure> lastFailure(PathId appId);
}
