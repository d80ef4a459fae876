package io.mpaas.protocol.marathon;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mpaas.protocol.marathon.MarathonError.DeploymentRef;
import java.util.List;

/**
 * An app as {@code GET /v2/apps}, {@code GET /v2/apps/{id}} and the groups endpoints show it: the
 * definition's fields at the top level, followed by what the request embedded. Each embedded part
 * is null (left out) unless asked for, so a client that asked for nothing sees the bare definition.
 * Output only.
 *
 * @param tasksStaged           launched, not yet running (with the three other counts: {@code embed=counts})
 * @param tasksHealthy          running and passing every health check; 0 for an app without checks
 * @param tasksUnhealthy        running and failing a check; 0 for an app without checks
 * @param deployments           running deployments that touch the app
 * @param readinessCheckResults results of readiness checks of deployments in progress
 * @param taskStats             counts and life times of the tasks by how current their version is
 */
public record AppInfo(
        @JsonUnwrapped App app,
        Integer tasksStaged,
        Integer tasksRunning,
        Integer tasksHealthy,
        Integer tasksUnhealthy,
        List<DeploymentRef> deployments,
        List<Object> readinessCheckResults,
        List<MarathonTask> tasks,
        TaskFailure lastTaskFailure,
        TaskStats taskStats) {

    /** The definition alone, nothing embedded. */
    public static AppInfo of(App app) {
        return new AppInfo(app, null, null, null, null, null, null, null, null, null);
    }
}
