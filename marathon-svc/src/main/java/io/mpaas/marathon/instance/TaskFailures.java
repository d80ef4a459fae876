package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.app.TaskFailureView;
import io.mpaas.protocol.marathon.TaskFailure;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last failed task of each app, for {@code lastTaskFailure} in {@code /v2/apps}. Kept in
 * memory: it is a debugging aid, and the instance itself is expunged when its task ends.
 */
public final class TaskFailures implements TaskFailureView {

    private final Map<PathId, Instance> last = new ConcurrentHashMap<>();

    /** Remembers {@code instance} if it ended in failure (anything terminal but FINISHED by request). */
    public void record(Instance instance) {
        if (instance.condition().isTerminal() && instance.condition() != Condition.KILLED
                && instance.taskId() != null) {
            last.put(instance.appId(), instance);
        }
    }

    public Optional<Instance> last(PathId appId) {
        return Optional.ofNullable(last.get(appId));
    }

    @Override
    public Optional<TaskFailure> lastFailure(PathId appId) {
        return last(appId).map(i -> new TaskFailure(i.appId().toString(), i.host(), i.message() == null ? ""
                : i.message(), i.condition().mesosState().name(), i.taskId(), MarathonTime.format(i.since()),
                MarathonTime.format(i.runSpecVersion()), i.agentId()));
    }

    /** The app was removed. */
    public void forget(PathId appId) {
        last.remove(appId);
    }
}
