package io.mpaas.protocol.mesos.master;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.DurationInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Scalar;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A call to the master's operator API ({@code POST /api/v1}, Mesos's {@code master.proto}
 * {@code Call}): {@code type} plus the one body field named after it, e.g.
 * {@code {"type":"TEARDOWN","teardown":{"framework_id":{"value":"..."}}}}. Every call type of
 * Mesos is listed so that clients and the web console can build any call; a master may answer
 * the ones it does not carry out with 501.
 */
public record OperatorCall(
        Type type,
        GetMetrics getMetrics,
        SetLoggingLevel setLoggingLevel,
        ListFiles listFiles,
        ReadFile readFile,
        UpdateWeights updateWeights,
        ReserveResources reserveResources,
        UnreserveResources unreserveResources,
        Volumes createVolumes,
        Volumes destroyVolumes,
        GrowVolume growVolume,
        ShrinkVolume shrinkVolume,
        UpdateMaintenanceSchedule updateMaintenanceSchedule,
        Machines startMaintenance,
        Machines stopMaintenance,
        DrainAgent drainAgent,
        AgentRef deactivateAgent,
        AgentRef reactivateAgent,
        UpdateQuota updateQuota,
        Teardown teardown,
        AgentRef markAgentGone,
        SetQuota setQuota,
        RemoveQuota removeQuota) {

    /** The call types of Mesos's operator API, by name; unknown names read as absent. */
    public enum Type {
        UNKNOWN,
        GET_HEALTH,
        GET_FLAGS,
        GET_VERSION,
        GET_METRICS,
        GET_LOGGING_LEVEL,
        SET_LOGGING_LEVEL,
        LIST_FILES,
        READ_FILE,
        GET_STATE,
        GET_AGENTS,
        GET_FRAMEWORKS,
        GET_EXECUTORS,
        GET_OPERATIONS,
        GET_TASKS,
        GET_ROLES,
        GET_WEIGHTS,
        UPDATE_WEIGHTS,
        GET_MASTER,
        SUBSCRIBE,
        RESERVE_RESOURCES,
        UNRESERVE_RESOURCES,
        CREATE_VOLUMES,
        DESTROY_VOLUMES,
        GROW_VOLUME,
        SHRINK_VOLUME,
        GET_MAINTENANCE_STATUS,
        GET_MAINTENANCE_SCHEDULE,
        UPDATE_MAINTENANCE_SCHEDULE,
        START_MAINTENANCE,
        STOP_MAINTENANCE,
        DRAIN_AGENT,
        DEACTIVATE_AGENT,
        REACTIVATE_AGENT,
        GET_QUOTA,
        UPDATE_QUOTA,
        /** Deprecated in Mesos in favour of UPDATE_QUOTA. */
        SET_QUOTA,
        /** Deprecated in Mesos in favour of UPDATE_QUOTA. */
        REMOVE_QUOTA,
        TEARDOWN,
        MARK_AGENT_GONE
    }

    /** GET_METRICS: {@code timeout} bounds how long the master waits for slow metrics. */
    public record GetMetrics(DurationInfo timeout) {
    }

    /** SET_LOGGING_LEVEL: the verbosity level, reverted after {@code duration}. */
    public record SetLoggingLevel(Integer level, DurationInfo duration) {
    }

    public record ListFiles(String path) {
    }

    public record ReadFile(String path, Long offset, Long length) {
    }

    public record UpdateWeights(List<WeightInfo> weightInfos) {
        public UpdateWeights {
            weightInfos = weightInfos == null ? List.of() : List.copyOf(weightInfos);
        }
    }

    public record ReserveResources(AgentId agentId, List<Resource> source, List<Resource> resources) {
        public ReserveResources {
            source = source == null ? List.of() : List.copyOf(source);
            resources = resources == null ? List.of() : List.copyOf(resources);
        }
    }

    public record UnreserveResources(AgentId agentId, List<Resource> resources) {
        public UnreserveResources {
            resources = resources == null ? List.of() : List.copyOf(resources);
        }
    }

    /** CREATE_VOLUMES and DESTROY_VOLUMES. */
    public record Volumes(AgentId agentId, List<Resource> volumes) {
        public Volumes {
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
        }
    }

    public record GrowVolume(AgentId agentId, Resource volume, Resource addition) {
    }

    public record ShrinkVolume(AgentId agentId, Resource volume, Scalar subtract) {
    }

    public record UpdateMaintenanceSchedule(MaintenanceSchedule schedule) {
    }

    /** START_MAINTENANCE and STOP_MAINTENANCE. */
    public record Machines(List<MaintenanceSchedule.MachineId> machines) {
        public Machines {
            machines = machines == null ? List.of() : List.copyOf(machines);
        }
    }

    /** DRAIN_AGENT; {@code max_grace_period} is a {@code google.protobuf.Duration} ({@code "10s"}), kept as sent. */
    public record DrainAgent(AgentId agentId, JsonNode maxGracePeriod, Boolean markGone) {
    }

    /** The body of calls that name one agent: MARK_AGENT_GONE, DEACTIVATE_AGENT, REACTIVATE_AGENT. */
    public record AgentRef(AgentId agentId) {
    }

    /** UPDATE_QUOTA: {@code force} skips the checks against consumption and cluster capacity. */
    public record UpdateQuota(Boolean force, List<QuotaConfig> quotaConfigs) {
        public UpdateQuota {
            quotaConfigs = quotaConfigs == null ? List.of() : List.copyOf(quotaConfigs);
        }

        public boolean isForced() {
            return Boolean.TRUE.equals(force);
        }
    }

    public record Teardown(FrameworkId frameworkId) {
    }

    public record SetQuota(QuotaRequest quotaRequest) {
    }

    public record RemoveQuota(String role) {
    }

    /** A call with no body: the GET_* calls and SUBSCRIBE. */
    public static OperatorCall of(Type type) {
        return new OperatorCall(type, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    public static OperatorCall getMetrics(DurationInfo timeout) {
        return new OperatorCall(Type.GET_METRICS, new GetMetrics(timeout), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static OperatorCall updateWeights(List<WeightInfo> weights) {
        return new OperatorCall(Type.UPDATE_WEIGHTS, null, null, null, null, new UpdateWeights(weights), null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static OperatorCall updateMaintenanceSchedule(MaintenanceSchedule schedule) {
        return new OperatorCall(Type.UPDATE_MAINTENANCE_SCHEDULE, null, null, null, null, null, null, null, null,
                null, null, null, new UpdateMaintenanceSchedule(schedule), null, null, null, null, null, null, null,
                null, null, null);
    }

    public static OperatorCall updateQuota(boolean force, List<QuotaConfig> configs) {
        return new OperatorCall(Type.UPDATE_QUOTA, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, new UpdateQuota(force, configs), null, null, null, null);
    }

    public static OperatorCall teardown(FrameworkId framework) {
        return new OperatorCall(Type.TEARDOWN, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, new Teardown(framework), null, null, null);
    }

    public static OperatorCall markAgentGone(AgentId agent) {
        return new OperatorCall(Type.MARK_AGENT_GONE, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, new AgentRef(agent), null, null);
    }
}
