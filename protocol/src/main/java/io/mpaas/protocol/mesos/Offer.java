package io.mpaas.protocol.mesos;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Resources of one agent offered to one framework in one role. An offer can be used once. */
public record Offer(
        OfferId id,
        FrameworkId frameworkId,
        AgentId agentId,
        String hostname,
        Url url,
        DomainInfo domain,
        List<Resource> resources,
        List<Attribute> attributes,
        List<ExecutorId> executorIds,
        Unavailability unavailability,
        AllocationInfo allocationInfo) {

    public Offer {
        resources = resources == null ? List.of() : List.copyOf(resources);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        executorIds = executorIds == null ? List.of() : List.copyOf(executorIds);
    }

    /** An operation in an ACCEPT: LAUNCH and LAUNCH_GROUP start tasks; the others change reservations and volumes. */
    public record Operation(
            Type type,
            OperationId id,
            Launch launch,
            LaunchGroup launchGroup,
            JsonNode reserve,
            JsonNode unreserve,
            JsonNode create,
            JsonNode destroy,
            JsonNode growVolume,
            JsonNode shrinkVolume,
            JsonNode createDisk,
            JsonNode destroyDisk) {

        public enum Type {
            UNKNOWN,
            LAUNCH,
            LAUNCH_GROUP,
            RESERVE,
            UNRESERVE,
            CREATE,
            DESTROY,
            GROW_VOLUME,
            SHRINK_VOLUME,
            CREATE_DISK,
            DESTROY_DISK
        }

        public static Operation launch(List<TaskInfo> tasks) {
            return new Operation(Type.LAUNCH, null, new Launch(tasks), null, null, null, null, null, null, null,
                    null, null);
        }

        public static Operation launchGroup(ExecutorInfo executor, TaskGroupInfo group) {
            return new Operation(Type.LAUNCH_GROUP, null, null, new LaunchGroup(executor, group), null, null, null,
                    null, null, null, null, null);
        }

        public record Launch(List<TaskInfo> taskInfos) {
            public Launch {
                taskInfos = taskInfos == null ? List.of() : List.copyOf(taskInfos);
            }
        }

        public record LaunchGroup(ExecutorInfo executor, TaskGroupInfo taskGroup) {
        }
    }
}
