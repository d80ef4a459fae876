package io.mpaas.marathon.health;

import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Does what the scheduler does with health results and kills, against {@link FakeInstances}:
 * stores the results on the instance and turns a killed instance into KILLING.
 */
final class RecordingHealthSink implements HealthSink {

    record Recorded(String instanceId, List<HealthCheckResult> results) {
    }

    record Killed(String instanceId, String reason) {
    }

    private final FakeInstances instances;
    final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    final List<Killed> killed = new CopyOnWriteArrayList<>();

    RecordingHealthSink(FakeInstances instances) {
        this.instances = instances;
    }

    @Override
    public void record(String instanceId, List<HealthCheckResult> results) {
        recorded.add(new Recorded(instanceId, results));
        instances.update(instanceId, i -> i.withHealthResults(results));
    }

    @Override
    public boolean killUnhealthy(Instance instance, String reason) {
        killed.add(new Killed(instance.instanceId(), reason));
        instances.update(instance.instanceId(), i -> i.withCondition(Condition.KILLING, Instant.EPOCH));
        return true;
    }

    List<HealthCheckResult> last(String instanceId) {
        return recorded.reversed().stream().filter(r -> r.instanceId().equals(instanceId)).findFirst()
                .map(Recorded::results).orElseThrow();
    }
}
