package io.mpaas.protocol.mesos.master;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TimeInfo;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer to an operator call (Mesos's {@code master.proto} {@code Response}): the type echoed
 * back plus the one body field named after it, e.g. {@code {"type":"GET_STATE","get_state":{...}}}.
 * Unlike the v0 endpoints these are real v1 shapes: {@code agent_id}, full Resource arrays,
 * times as {@code {"nanoseconds":..}}. The web console reads the master through these types.
 */
public record OperatorResponse(
        Type type,
        GetHealth getHealth,
        GetFlags getFlags,
        GetVersion getVersion,
        GetMetrics getMetrics,
        GetLoggingLevel getLoggingLevel,
        ListFiles listFiles,
        ReadFile readFile,
        GetState getState,
        GetAgents getAgents,
        GetFrameworks getFrameworks,
        GetExecutors getExecutors,
        GetOperations getOperations,
        GetTasks getTasks,
        GetRoles getRoles,
        GetWeights getWeights,
        GetMaster getMaster,
        GetMaintenanceStatus getMaintenanceStatus,
        GetMaintenanceSchedule getMaintenanceSchedule,
        GetQuota getQuota) {

    public enum Type {
        UNKNOWN,
        GET_HEALTH,
        GET_FLAGS,
        GET_VERSION,
        GET_METRICS,
        GET_LOGGING_LEVEL,
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
        GET_MASTER,
        GET_MAINTENANCE_STATUS,
        GET_MAINTENANCE_SCHEDULE,
        GET_QUOTA
    }

    public record GetHealth(boolean healthy) {
    }

    public record GetFlags(List<Flag> flags) {
        public GetFlags {
            flags = flags == null ? List.of() : List.copyOf(flags);
        }
    }

    /** A master flag by its Mesos name, with its value as text. */
    public record Flag(String name, String value) {
    }

    public record GetVersion(VersionInfo versionInfo) {
    }

    /** {@code build_time} is in seconds since the epoch. */
    public record VersionInfo(String version, String buildDate, Double buildTime, String buildUser, String gitSha,
            String gitBranch, String gitTag) {
    }

    public record GetMetrics(List<Metric> metrics) {
        public GetMetrics {
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
        }
    }

    public record Metric(String name, Double value) {
    }

    public record GetLoggingLevel(Integer level) {
    }

    public record ListFiles(List<FileInfo> fileInfos) {
        public ListFiles {
            fileInfos = fileInfos == null ? List.of() : List.copyOf(fileInfos);
        }
    }

    public record FileInfo(String path, Integer nlink, Long size, TimeInfo mtime, Integer mode, String uid,
            String gid) {
    }

    /** {@code data} is base64, as every protobuf {@code bytes} field in JSON. */
    public record ReadFile(Long size, String data) {
    }

    /** Everything at once; the first event of an operator subscription carries it too. */
    public record GetState(GetTasks getTasks, GetExecutors getExecutors, GetFrameworks getFrameworks,
            GetAgents getAgents) {
    }

    public record GetAgents(List<Agent> agents, List<AgentInfo> recoveredAgents) {
        public GetAgents {
            agents = agents == null ? List.of() : List.copyOf(agents);
            recoveredAgents = recoveredAgents == null ? List.of() : List.copyOf(recoveredAgents);
        }

        /**
         * A registered agent. {@code active} is false while its link is down; {@code deactivated}
         * is an operator's decision (maintenance). Resources are full Resource arrays.
         */
        public record Agent(
                AgentInfo agentInfo,
                boolean active,
                Boolean deactivated,
                String version,
                String pid,
                TimeInfo registeredTime,
                TimeInfo reregisteredTime,
                List<Resource> totalResources,
                List<Resource> allocatedResources,
                List<Resource> offeredResources,
                List<Capability> capabilities,
                List<JsonNode> resourceProviders,
                JsonNode drainInfo,
                TimeInfo estimatedDrainStartTime) {

            public Agent {
                totalResources = totalResources == null ? List.of() : List.copyOf(totalResources);
                allocatedResources = allocatedResources == null ? List.of() : List.copyOf(allocatedResources);
                offeredResources = offeredResources == null ? List.of() : List.copyOf(offeredResources);
                capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
                resourceProviders = resourceProviders == null ? List.of() : List.copyOf(resourceProviders);
            }
        }

        /** An agent capability by name ({@code MULTI_ROLE}, {@code RESERVATION_REFINEMENT}, ...). */
        public record Capability(String type) {
        }
    }

    public record GetFrameworks(List<Framework> frameworks, List<Framework> completedFrameworks) {
        public GetFrameworks {
            frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
            completedFrameworks = completedFrameworks == null ? List.of() : List.copyOf(completedFrameworks);
        }

        /** A framework with its standing: {@code recovered} means known only from agents after a failover. */
        public record Framework(
                FrameworkInfo frameworkInfo,
                boolean active,
                boolean connected,
                boolean recovered,
                TimeInfo registeredTime,
                TimeInfo reregisteredTime,
                TimeInfo unregisteredTime,
                List<Offer> offers,
                List<JsonNode> inverseOffers,
                List<Resource> allocatedResources,
                List<Resource> offeredResources,
                JsonNode offerConstraints) {

            public Framework {
                offers = offers == null ? List.of() : List.copyOf(offers);
                inverseOffers = inverseOffers == null ? List.of() : List.copyOf(inverseOffers);
                allocatedResources = allocatedResources == null ? List.of() : List.copyOf(allocatedResources);
                offeredResources = offeredResources == null ? List.of() : List.copyOf(offeredResources);
            }
        }
    }

    public record GetExecutors(List<Executor> executors) {
        public GetExecutors {
            executors = executors == null ? List.of() : List.copyOf(executors);
        }

        public record Executor(ExecutorInfo executorInfo, AgentId agentId) {
        }
    }

    public record GetOperations(List<JsonNode> operations) {
        public GetOperations {
            operations = operations == null ? List.of() : List.copyOf(operations);
        }
    }

    /** Active tasks, tasks on unreachable agents, and the most recent finished ones. */
    public record GetTasks(List<Task> tasks, List<Task> unreachableTasks, List<Task> completedTasks) {
        public GetTasks {
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
            unreachableTasks = unreachableTasks == null ? List.of() : List.copyOf(unreachableTasks);
            completedTasks = completedTasks == null ? List.of() : List.copyOf(completedTasks);
        }
    }

    public record GetRoles(List<Role> roles) {
        public GetRoles {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /** A known role: its weight, its frameworks and what it holds (allocated plus offered). */
    public record Role(String name, double weight, List<FrameworkId> frameworks, List<Resource> resources) {
        public Role {
            frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
            resources = resources == null ? List.of() : List.copyOf(resources);
        }
    }

    public record GetWeights(List<WeightInfo> weightInfos) {
        public GetWeights {
            weightInfos = weightInfos == null ? List.of() : List.copyOf(weightInfos);
        }
    }

    /** Times in seconds since the epoch. */
    public record GetMaster(MasterInfo masterInfo, Double startTime, Double electedTime) {
    }

    public record GetMaintenanceStatus(ClusterStatus status) {
    }

    /** Machines in a maintenance window (draining) and machines taken down. */
    public record ClusterStatus(List<DrainingMachine> drainingMachines, List<MaintenanceSchedule.MachineId> downMachines) {
        public ClusterStatus {
            drainingMachines = drainingMachines == null ? List.of() : List.copyOf(drainingMachines);
            downMachines = downMachines == null ? List.of() : List.copyOf(downMachines);
        }

        /** {@code statuses} are the frameworks' answers to inverse offers. */
        public record DrainingMachine(MaintenanceSchedule.MachineId id, List<JsonNode> statuses) {
            public DrainingMachine {
                statuses = statuses == null ? List.of() : List.copyOf(statuses);
            }
        }
    }

    public record GetMaintenanceSchedule(MaintenanceSchedule schedule) {
    }

    public record GetQuota(QuotaStatus status) {
    }

    /** The response carrying {@code body} under the field of its type. */
    public static OperatorResponse of(Object body) {
        Type type = switch (body) {
            case GetHealth b -> Type.GET_HEALTH;
            case GetFlags b -> Type.GET_FLAGS;
            case GetVersion b -> Type.GET_VERSION;
            case GetMetrics b -> Type.GET_METRICS;
            case GetLoggingLevel b -> Type.GET_LOGGING_LEVEL;
            case ListFiles b -> Type.LIST_FILES;
            case ReadFile b -> Type.READ_FILE;
            case GetState b -> Type.GET_STATE;
            case GetAgents b -> Type.GET_AGENTS;
            case GetFrameworks b -> Type.GET_FRAMEWORKS;
            case GetExecutors b -> Type.GET_EXECUTORS;
            case GetOperations b -> Type.GET_OPERATIONS;
            case GetTasks b -> Type.GET_TASKS;
            case GetRoles b -> Type.GET_ROLES;
            case GetWeights b -> Type.GET_WEIGHTS;
            case GetMaster b -> Type.GET_MASTER;
            case GetMaintenanceStatus b -> Type.GET_MAINTENANCE_STATUS;
            case GetMaintenanceSchedule b -> Type.GET_MAINTENANCE_SCHEDULE;
            case GetQuota b -> Type.GET_QUOTA;
            default -> throw new IllegalArgumentException("not a response body: " + body.getClass().getName());
        };
        return new OperatorResponse(type, as(body, GetHealth.class), as(body, GetFlags.class),
                as(body, GetVersion.class), as(body, GetMetrics.class), as(body, GetLoggingLevel.class),
                as(body, ListFiles.class), as(body, ReadFile.class), as(body, GetState.class),
                as(body, GetAgents.class), as(body, GetFrameworks.class), as(body, GetExecutors.class),
                as(body, GetOperations.class), as(body, GetTasks.class), as(body, GetRoles.class),
                as(body, GetWeights.class), as(body, GetMaster.class), as(body, GetMaintenanceStatus.class),
                as(body, GetMaintenanceSchedule.class), as(body, GetQuota.class));
    }

    private static <T> T as(Object body, Class<T> type) {
        return type.isInstance(body) ? type.cast(body) : null;
    }
}
