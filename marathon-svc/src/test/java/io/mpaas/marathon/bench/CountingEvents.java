package io.mpaas.marathon.bench;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** Events that go nowhere, counted: a benchmark of the health checks reports what they published. */
final class CountingEvents implements Events {

    final LongAdder failedChecks = new LongAdder();
    final LongAdder healthChanges = new LongAdder();
    final LongAdder unhealthyKills = new LongAdder();
    final LongAdder other = new LongAdder();

    @Override
    public void apiPost(String clientIp, String uri, App app) {
        other.increment();
    }

    @Override
    public void statusUpdate(Instance instance, TaskStatus status) {
        other.increment();
    }

    @Override
    public void instanceChanged(Instance instance) {
        other.increment();
    }

    @Override
    public void instanceHealthChanged(Instance instance, Boolean healthy) {
        healthChanges.increment();
    }

    @Override
    public void healthStatusChanged(Instance instance, boolean alive) {
        healthChanges.increment();
    }

    @Override
    public void failedHealthCheck(Instance instance, HealthCheck check) {
        failedChecks.increment();
    }

    @Override
    public void unhealthyInstanceKill(Instance instance, String reason) {
        unhealthyKills.increment();
    }

    @Override
    public void addHealthCheck(PathId appId, Instant version, HealthCheck check) {
        other.increment();
    }

    @Override
    public void removeHealthCheck(PathId appId) {
        other.increment();
    }

    @Override
    public void deploymentInfo(DeploymentPlan plan, int stepIndex) {
        other.increment();
    }

    @Override
    public void deploymentStepSuccess(DeploymentPlan plan, int stepIndex) {
        other.increment();
    }

    @Override
    public void deploymentStepFailure(DeploymentPlan plan, int stepIndex) {
        other.increment();
    }

    @Override
    public void deploymentSuccess(DeploymentPlan plan) {
        other.increment();
    }

    @Override
    public void deploymentFailed(DeploymentPlan plan, String reason) {
        other.increment();
    }

    @Override
    public void appTerminated(PathId appId) {
        other.increment();
    }

    @Override
    public void unknownInstanceTerminated(String instanceId, PathId appId, String condition) {
        other.increment();
    }

    @Override
    public void schedulerRegistered(String frameworkId, String master) {
        other.increment();
    }

    @Override
    public void schedulerReregistered(String master) {
        other.increment();
    }

    @Override
    public void schedulerDisconnected() {
        other.increment();
    }

    @Override
    public void frameworkMessage(String agentId, String executorId, String message) {
        other.increment();
    }
}
