package io.mpaas.marathon.event;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Instant;

/**
 * What the scheduler tells the event bus, in domain terms; the bus turns each call into
 * Marathon's event payload (with {@code eventType} and {@code timestamp}) and hands it to the SSE
 * streams and HTTP callback subscribers. Every method returns at once and never throws: a slow or
 * broken subscriber must not hold up scheduling.
 */
public interface Events {

    /** {@code api_post_event}: an app was created or changed through the API. */
    void apiPost(String clientIp, String uri, App app);

    /** {@code status_update_event}: a Mesos status for a task of {@code instance} (already applied to it). */
    void statusUpdate(Instance instance, TaskStatus status);

    /** {@code instance_changed_event}: the instance's condition changed. */
    void instanceChanged(Instance instance);

    /** {@code instance_health_changed_event}: the instance's overall health changed ({@code null}: unknown). */
    void instanceHealthChanged(Instance instance, Boolean healthy);

    /** {@code health_status_changed_event}: a marathon-run check flipped alive/not alive. */
    void healthStatusChanged(Instance instance, boolean alive);

    /** {@code failed_health_check_event}: a marathon-run check failed and the failure counted. */
    void failedHealthCheck(Instance instance, HealthCheck check);

    /** {@code unhealthy_instance_kill_event}: the instance is killed for failing its checks. */
    void unhealthyInstanceKill(Instance instance, String reason);

    /** {@code add_health_check_event}: checks of a new app version start. */
    void addHealthCheck(PathId appId, Instant version, HealthCheck check);

    /** {@code remove_health_check_event}. */
    void removeHealthCheck(PathId appId);

    /** {@code deployment_info}: step {@code stepIndex} (0-based) of {@code plan} starts. */
    void deploymentInfo(DeploymentPlan plan, int stepIndex);

    /** {@code deployment_step_success}. */
    void deploymentStepSuccess(DeploymentPlan plan, int stepIndex);

    /** {@code deployment_step_failure}. */
    void deploymentStepFailure(DeploymentPlan plan, int stepIndex);

    /** {@code deployment_success} and then {@code group_change_success} for the root. */
    void deploymentSuccess(DeploymentPlan plan);

    /** {@code deployment_failed} and then {@code group_change_failed}. */
    void deploymentFailed(DeploymentPlan plan, String reason);

    /** {@code app_terminated_event}: every instance of a removed app is gone. */
    void appTerminated(PathId appId);

    /** {@code unknown_instance_terminated_event}: a task marathon did not know ended (it was killed). */
    void unknownInstanceTerminated(String instanceId, PathId appId, String condition);

    /** {@code scheduler_registered_event}. */
    void schedulerRegistered(String frameworkId, String master);

    /** {@code scheduler_reregistered_event}. */
    void schedulerReregistered(String master);

    /** {@code scheduler_disconnected_event}. */
    void schedulerDisconnected();

    /** {@code framework_message_event}; {@code message} is base64. */
    void frameworkMessage(String agentId, String executorId, String message);
}
