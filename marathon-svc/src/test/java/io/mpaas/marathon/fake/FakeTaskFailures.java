package io.mpaas.marathon.fake;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.app.TaskFailureView;
import io.mpaas.protocol.marathon.TaskFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Last failures a test sets. */
public final class FakeTaskFailures implements TaskFailureView {

    private final Map<PathId, TaskFailure> failures = new HashMap<>();

    public synchronized void put(TaskFailure failure) {
        failures.put(PathId.of(failure.appId()), failure);
    }

    @Override
    public synchronized Optional<TaskFailure> lastFailure(PathId appId) {
        return Optional.ofNullable(failures.get(appId));
    }
}
