package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import io.mpaas.protocol.marathon.MarathonTask.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An instance as Marathon's task JSON. Only launched, not yet terminal instances are tasks: one
 * waiting for an offer has no task (and no task id) yet.
 */
public final class TaskRenderer {

    private TaskRenderer() {
    }

    /** Whether the instance currently has a task to show. */
    public static boolean isTask(Instance instance) {
        return instance.taskId() != null && instance.isActive();
    }

    public static MarathonTask render(Instance instance) {
        return new MarathonTask(
                instance.taskId(),
                instance.appId().toString(),
                instance.host(),
                instance.agentId(),
                instance.condition().mesosState() == null ? null : instance.condition().mesosState().name(),
                MarathonTime.format(instance.stagedAt()),
                MarathonTime.format(instance.startedAt()),
                MarathonTime.format(instance.runSpecVersion()),
                instance.hostPorts(),
                instance.servicePorts(),
                ipAddresses(instance.ipAddresses()),
                healthCheckResults(instance),
                List.of(),
                instance.role());
    }

    private static List<IpAddress> ipAddresses(List<String> addresses) {
        List<IpAddress> result = new ArrayList<>(addresses.size());
        for (String address : addresses) {
            result.add(new IpAddress(address, address.contains(":") ? "IPv6" : "IPv4"));
        }
        return result;
    }

    /**
     * Results of marathon-run checks as recorded; for an agent-run (Mesos) check, which only reports
     * healthy or not with each status update, one result built from that: no timestamps (the status
     * does not carry them) and, when unhealthy, one failure, the least the status proves.
     */
    private static List<HealthCheckResult> healthCheckResults(Instance instance) {
        if (!instance.healthResults().isEmpty() || instance.healthy() == null) {
            return instance.healthResults();
        }
        return List.of(new HealthCheckResult(instance.healthy(), instance.healthy() ? 0 : 1, null, null, null, null,
                instance.instanceId()));
    }
}
