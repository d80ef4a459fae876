package io.mpaas.marathon.fake;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceView;
import io.mpaas.marathon.instance.Killer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Instances held in memory; a kill marks them Killing and remembers their ids. */
public final class FakeInstances implements InstanceView, Killer {

    private final Map<String, Instance> byId = new LinkedHashMap<>();
    private final Clock clock;
    public final List<String> killed = new ArrayList<>();

    public FakeInstances(Clock clock) {
        this.clock = clock;
    }

    public synchronized void put(Instance instance) {
        byId.put(instance.instanceId(), instance);
    }

    /**
     * A launched instance of {@code appId} in {@code condition} on {@code host}, with the given host
     * ports; its instance id is {@code <app>.instance-<n>} and task id {@code <instance>._app.1}. The
     * version is taken to be a configuration change.
     */
    public Instance launched(PathId appId, Instant version, int n, Condition condition, String host,
            List<Integer> hostPorts, List<Integer> servicePorts) {
        return launched(appId, version, version, n, condition, host, hostPorts, servicePorts);
    }

    /** As above, at a {@code version} whose configuration last changed at {@code configVersion}. */
    public Instance launched(PathId appId, Instant version, Instant configVersion, int n, Condition condition,
            String host, List<Integer> hostPorts, List<Integer> servicePorts) {
        String instanceId = appId.safeName() + ".instance-" + n;
        Instant now = clock.instant();
        Instance instance = new Instance(instanceId, appId, version, configVersion,
                io.mpaas.marathon.instance.Goal.RUNNING, condition, now, 1, instanceId + "._app.1",
                AgentInfo.plain("agent-" + host, host), hostPorts, servicePorts, List.of("10.0.0." + n), now,
                condition == Condition.RUNNING ? now : null, null, null, null, null, "default");
        put(instance);
        return instance;
    }

    @Override
    public synchronized Collection<Instance> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public synchronized List<Instance> of(PathId appId) {
        return byId.values().stream().filter(i -> i.appId().equals(appId)).toList();
    }

    @Override
    public synchronized Optional<Instance> byInstanceId(String instanceId) {
        return Optional.ofNullable(byId.get(instanceId));
    }

    @Override
    public synchronized List<Instance> kill(Collection<String> instanceIds) {
        List<Instance> result = new ArrayList<>();
        for (String id : instanceIds) {
            Instance instance = byId.get(id);
            if (instance != null) {
                result.add(instance);
                killed.add(id);
                byId.put(id, instance.withCondition(Condition.KILLING, clock.instant()));
            }
        }
        return result;
    }
}
