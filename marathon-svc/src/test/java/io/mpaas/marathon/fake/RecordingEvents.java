package io.mpaas.marathon.fake;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records {@code api_post_event}s, the only event the API publishes; the others are the scheduler's. */
public final class RecordingEvents implements Events {

    /** One api_post_event. */
    public record ApiPost(String clientIp, String uri, App app) {
    }

    public final List<ApiPost> apiPosts = new ArrayList<>();

    @Override
    public synchronized void apiPost(String clientIp, String uri, App app) {
        apiPosts.add(new ApiPost(clientIp, uri, app));
    }

    @Override
    public void statusUpdate(Instance instance, TaskStatus status) {
    }

    @Override
    public void instanceChanged(Instance instance) {
    }

    @Override
    public void instanceHealthChanged(Instance instance, Boolean healthy) {
    }

    @Override
    public void healthStatusChanged(Instance instance, boolean alive) {
    }

    @Override
    public void failedHealthCheck(Instance instance, HealthCheck check) {
    }

    @Override
    public void unhealthyInstanceKill(Instance instance, String reason) {
    }

    @Override
    public void addHealthCheck(PathId appId, Instant version, HealthCheck check) {
    }

    @Override
    public void removeHealthCheck(PathId appId) {
    }

    @Override
    public void deploymentInfo(DeploymentPlan plan, int stepIndex) {
    }

    @Override
    public void deploymentStepSuccess(DeploymentPlan plan, int stepIndex) {
    }

    @Override
    public void deploymentStepFailure(DeploymentPlan plan, int stepIndex) {
    }

    @Override
    public void deploymentSuccess(DeploymentPlan plan) {
    }

    @Override
    public void deploymentFailed(DeploymentPlan plan, String reason) {
    }

    @Override
    public void appTerminated(PathId appId) {
    }

    @Override
    public void unknownInstanceTerminated(String instanceId, PathId appId, String condition) {
    }

    @Override
    public void schedulerRegistered(String frameworkId, String master) {
    }

    @Override
    public void schedulerReregistered(String master) {
    }

    @Override
    public void schedulerDisconnected() {
    }

    @Override
    public void frameworkMessage(String agentId, String executorId, String message) {
    }
}
