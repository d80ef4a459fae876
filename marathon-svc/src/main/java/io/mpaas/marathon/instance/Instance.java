package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One instance of an app: a slot that marathon keeps filled with one Mesos task at a time.
 * Immutable; the {@link InstanceStateMachine} makes the next one.
 *
 * @param instanceId     {@code <app safe name>.instance-<uuid>}
 * @param runSpecVersion the app version this instance runs (or, while scheduled, was scheduled at)
 * @param configVersion  the last configuration change of that app version
 *                       ({@code versionInfo.lastConfigChangeAt}): what the instance runs, as far as
 *                       replacing it is concerned. A scale gives the app a new version with the same
 *                       configuration, so its instances stay current (Marathon's {@code configRef})
 * @param since          when the condition last changed
 * @param taskId         {@code <instanceId>._app.<incarnation>}; null while scheduled
 * @param agentInfo      the agent it was launched on, with the facts placement constraints ask about;
 *                       null while scheduled
 * @param hostPorts      ports taken from the offer, in port-definition / port-mapping order
 * @param servicePorts   the app's service ports when it was launched
 * @param healthy        the agent-run (Mesos) health check result from status updates; null unknown
 * @param healthResults  results of marathon-run checks, one per HTTP/HTTPS/TCP check in app order;
 *                       persisted, so a failover does not make every instance "unknown"
 * @param unreachableSince when the agent became unreachable; null when it is reachable
 * @param message        the last status message (shown as the last task failure)
 */
public record Instance(
        String instanceId,
        PathId appId,
        Instant runSpecVersion,
        Instant configVersion,
        Goal goal,
        Condition condition,
        Instant since,
        int incarnation,
        String taskId,
        AgentInfo agentInfo,
        List<Integer> hostPorts,
        List<Integer> servicePorts,
        List<String> ipAddresses,
        Instant stagedAt,
        Instant startedAt,
        Boolean healthy,
        List<HealthCheckResult> healthResults,
        Instant unreachableSince,
        String message,
        String role) {

    public Instance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(runSpecVersion, "runSpecVersion");
        Objects.requireNonNull(configVersion, "configVersion");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(since, "since");
        hostPorts = hostPorts == null ? List.of() : List.copyOf(hostPorts);
        servicePorts = servicePorts == null ? List.of() : List.copyOf(servicePorts);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        healthResults = healthResults == null ? List.of() : List.copyOf(healthResults);
    }

    /**
     * A new instance of {@code appId} at {@code version}, whose configuration last changed at
     * {@code configVersion}, waiting for an offer.
     */
    public static Instance scheduled(PathId appId, Instant version, Instant configVersion, Instant now) {
        String id = appId.safeName() + ".instance-" + UUID.randomUUID();
        return new Instance(id, appId, version, configVersion, Goal.RUNNING, Condition.SCHEDULED, now, 0, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A new instance of {@code appId} at a {@code version} that is itself a configuration change (a new or
     * changed definition, not a scale), waiting for an offer.
     */
    public static Instance scheduled(PathId appId, Instant version, Instant now) {
        return scheduled(appId, version, version, now);
    }

    /** Whether this instance runs (or will launch with) the configuration that last changed at {@code config}. */
    public boolean hasConfig(Instant config) {
        return configVersion.equals(config);
    }

    /**
     * This scheduled instance about to launch with {@code version} of its app, a version with the same
     * configuration (a scale made after it was scheduled): it launches with the current definition and
     * runs that version from then on, as the task's {@code version} and {@code MARATHON_APP_VERSION} say.
     *
     * @throws IllegalStateException when the instance is not scheduled
     */
    public Instance launchingAt(Instant version) {
        if (condition != Condition.SCHEDULED) {
            throw new IllegalStateException("instance " + instanceId + " is " + condition.marathonName()
                    + ", not Scheduled");
        }
        if (version.equals(runSpecVersion)) {
            return this;
        }
        return new Instance(instanceId, appId, version, configVersion, goal, condition, since, incarnation, taskId,
                agentInfo, hostPorts, servicePorts, ipAddresses, stagedAt, startedAt, healthy, healthResults,
                unreachableSince, message, role);
    }

    /** The id of the agent the instance was launched on; null while scheduled. */
    public String agentId() {
        return agentInfo == null ? null : agentInfo.agentId();
    }

    /** The hostname of the agent the instance was launched on; null while scheduled. */
    public String host() {
        return agentInfo == null ? null : agentInfo.host();
    }

    /** The app id written into task ids, with which a task id leads back to its instance. */
    public static String instanceIdOfTask(String taskId) {
        int marker = taskId.lastIndexOf("._app.");
        return marker < 0 ? taskId : taskId.substring(0, marker);
    }

    public boolean isActive() {
        return condition.isActive();
    }

    /**
     * Whether the instance counts as healthy: running, and every check that has a result passed it
     * (agent-run via {@code healthy}, marathon-run via {@code healthResults}). Without checks, running is healthy.
     *
     * @param checkCount how many checks the app has (both kinds)
     */
    public boolean isHealthy(int checkCount) {
        if (condition != Condition.RUNNING) {
            return false;
        }
        if (checkCount == 0) {
            return true;
        }
        if (healthy != null) {
            return healthy;
        }
        return !healthResults.isEmpty() && healthResults.stream().allMatch(HealthCheckResult::alive);
    }

    /** The launched instance, provisioned on an offer's agent. */
    public Instance provisioned(String newTaskId, int newIncarnation, AgentInfo newAgent,
            List<Integer> newHostPorts, List<Integer> newServicePorts, String newRole, Instant now) {
        return new Instance(instanceId, appId, runSpecVersion, configVersion, goal, Condition.PROVISIONED, now,
                newIncarnation, newTaskId, newAgent, newHostPorts, newServicePorts, ipAddresses, now, null, null, null,
                null, null, newRole);
    }

    public Instance withGoal(Goal newGoal) {
        return new Instance(instanceId, appId, runSpecVersion, configVersion, newGoal, condition, since, incarnation,
                taskId, agentInfo, hostPorts, servicePorts, ipAddresses, stagedAt, startedAt, healthy, healthResults,
                unreachableSince, message, role);
    }

    public Instance withCondition(Condition newCondition, Instant now) {
        Instant newSince = newCondition == condition ? since : now;
        return new Instance(instanceId, appId, runSpecVersion, configVersion, goal, newCondition, newSince,
                incarnation, taskId, agentInfo, hostPorts, servicePorts, ipAddresses, stagedAt, startedAt, healthy,
                healthResults, unreachableSince, message, role);
    }

    public Instance withStatus(Condition newCondition, Instant now, Instant newStartedAt, Boolean newHealthy,
            List<String> newIpAddresses, Instant newUnreachableSince, String newMessage) {
        Instant newSince = newCondition == condition ? since : now;
        return new Instance(instanceId, appId, runSpecVersion, configVersion, goal, newCondition, newSince,
                incarnation, taskId, agentInfo, hostPorts, servicePorts, newIpAddresses, stagedAt, newStartedAt,
                newHealthy, healthResults, newUnreachableSince, newMessage, role);
    }

    public Instance withHealthResults(List<HealthCheckResult> results) {
        return new Instance(instanceId, appId, runSpecVersion, configVersion, goal, condition, since, incarnation,
                taskId, agentInfo, hostPorts, servicePorts, ipAddresses, stagedAt, startedAt, healthy, results,
                unreachableSince, message, role);
    }
}
