package io.mpaas.marathon.health;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes every event down as one line: its Marathon event type and the fields a test checks. */
final class RecordingEvents implements Events {

    final List<String> published = new CopyOnWriteArrayList<>();

    List<String> about(Instance instance) {
        return published.stream().filter(e -> e.contains(instance.instanceId())).toList();
    }

    @Override
    public void failedHealthCheck(Instance instance, HealthCheck check) {
        published.add("failed_health_check_event " + instance.instanceId() + " " + check.protocol());
    }

    @Override
    public void healthStatusChanged(Instance instance, boolean alive) {
        published.add("health_status_changed_event " + instance.instanceId() + " alive=" + alive);
    }

    @Override
    public void unhealthyInstanceKill(Instance instance, String reason) {
        published.add("unhealthy_instance_kill_event " + instance.instanceId() + " " + reason);
    }

    @Override
    public void apiPost(String clientIp, String uri, App app) {
        published.add("api_post_event");
    }

    @Override
    public void statusUpdate(Instance instance, TaskStatus status) {
        published.add("status_update_event " + instance.instanceId());
    }

    @Override
    public void instanceChanged(Instance instance) {
        published.add("instance_changed_event " + instance.instanceId());
    }

    @Override
    public void instanceHealthChanged(Instance instance, Boolean healthy) {
        published.add("instance_health_changed_event " + instance.instanceId() + " " + healthy);
    }

    @Override
    public void addHealthCheck(PathId appId, Instant version, HealthCheck check) {
        published.add("add_health_check_event " + appId);
    }

    @Override
    public void removeHealthCheck(PathId appId) {
        published.add("remove_health_check_event " + appId);
    }

    @Override
    public void deploymentInfo(DeploymentPlan plan, int stepIndex) {
        published.add("deployment_info");
    }

    @Override
    public void deploymentStepSuccess(DeploymentPlan plan, int stepIndex) {
        published.add("deployment_step_success");
    }

    @Override
    public void deploymentStepFailure(DeploymentPlan plan, int stepIndex) {
        published.add("deployment_step_failure");
    }

    @Override
    public void deploymentSuccess(DeploymentPlan plan) {
        published.add("deployment_success");
    }

    @Override
    public void deploymentFailed(DeploymentPlan plan, String reason) {
        published.add("deployment_failed");
    }

    @Override
    public void appTerminated(PathId appId) {
        published.add("app_terminated_event " + appId);
    }

    @Override
    public void unknownInstanceTerminated(String instanceId, PathId appId, String condition) {
        published.add("unknown_instance_terminated_event " + instanceId);
    }

    @Override
    public void schedulerRegistered(String frameworkId, String master) {
        published.add("scheduler_registered_event");
    }

    @Override
    public void schedulerReregistered(String master) {
        published.add("scheduler_reregistered_event");
    }

    @Override
    public void schedulerDisconnected() {
        published.add("scheduler_disconnected_event");
    }

    @Override
    public void frameworkMessage(String agentId, String executorId, String message) {
        published.add("framework_message_event");
    }
}
