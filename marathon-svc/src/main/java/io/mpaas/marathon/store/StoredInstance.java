package io.mpaas.marathon.store;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import io.mpaas.protocol.mesos.Attribute;
import java.time.Instant;
import java.util.List;

/**
 * An {@link Instance} as stored: every field, instants as {@link MarathonTime} text (so to the
 * millisecond). A record of its own so that the domain record can change without changing what is on
 * disk by accident. Never leaves this package.
 *
 * <p>The agent's facts ({@link AgentInfo}) are flat fields beside {@code agentId} and {@code host}, which
 * rows have had from the start; {@code agentRegion}, {@code agentZone} and {@code agentAttributes} were
 * added later. A row written before has none of them and comes back with its facts unknown
 * ({@code agentAttributes} absent, as opposed to an empty list for an agent without attributes), which
 * needs no migration: the body is JSON.
 *
 * <p>{@code configVersion} (the app's last configuration change the instance runs) was added later too. A row
 * written before has none; the caller supplies it ({@link #toInstance(Instant)}), since only the stored app
 * version the instance ran can tell whether that version was a configuration change or a scale.
 */
record StoredInstance(
        String instanceId,
        String appId,
        String runSpecVersion,
        String configVersion,
        Goal goal,
        Condition condition,
        String since,
        int incarnation,
        String taskId,
        String agentId,
        String host,
        String agentRegion,
        String agentZone,
        List<Attribute> agentAttributes,
        List<Integer> hostPorts,
        List<Integer> servicePorts,
        List<String> ipAddresses,
        String stagedAt,
        String startedAt,
        Boolean healthy,
        List<HealthCheckResult> healthResults,
        String unreachableSince,
        String message,
        String role) {

    static StoredInstance of(Instance i) {
        AgentInfo agent = i.agentInfo();
        return new StoredInstance(i.instanceId(), i.appId().toString(), text(i.runSpecVersion()),
                text(i.configVersion()), i.goal(), i.condition(), text(i.since()), i.incarnation(), i.taskId(),
                i.agentId(), i.host(), agent == null ? null : agent.region(), agent == null ? null : agent.zone(),
                agent == null ? null : agent.attributes(), i.hostPorts(), i.servicePorts(), i.ipAddresses(),
                text(i.stagedAt()), text(i.startedAt()), i.healthy(), i.healthResults(), text(i.unreachableSince()),
                i.message(), i.role());
    }

    /** Whether the row says which configuration the instance runs (rows written before it was kept do not). */
    boolean configVersionKnown() {
        return configVersion != null;
    }

    /** The instance; a row without a {@code configVersion} is taken to run a configuration of its own version. */
    Instance toInstance() {
        return toInstance(instant(runSpecVersion));
    }

    /**
     * The instance, with {@code configVersionOfOldRow} as its configuration version when the row was written
     * before that was kept.
     */
    Instance toInstance(Instant configVersionOfOldRow) {
        Instant config = configVersion == null ? configVersionOfOldRow : instant(configVersion);
        return new Instance(instanceId, PathId.of(appId), instant(runSpecVersion), config, goal, condition,
                instant(since), incarnation, taskId, agentInfo(), hostPorts, servicePorts, ipAddresses,
                instant(stagedAt), instant(startedAt), healthy, healthResults, instant(unreachableSince), message,
                role);
    }

    private AgentInfo agentInfo() {
        if (agentId == null && host == null) {
            return null;
        }
        return new AgentInfo(agentId, host, agentRegion, agentZone, agentAttributes);
    }

    private static String text(Instant instant) {
        return MarathonTime.format(instant);
    }

    private static Instant instant(String text) {
        return text == null ? null : MarathonTime.parse(text);
    }
}
