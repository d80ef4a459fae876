package io.mpaas.marathon.health;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The scheduler's instance view as a map the test fills. */
final class FakeInstances implements InstanceView {

    private final Map<String, Instance> byId = new ConcurrentHashMap<>();

    Instance put(Instance instance) {
        byId.put(instance.instanceId(), instance);
        return instance;
    }

    void update(String instanceId, UnaryOperator<Instance> change) {
        byId.computeIfPresent(instanceId, (id, i) -> change.apply(i));
    }

    Instance get(String instanceId) {
        return byId.get(instanceId);
    }

    @Override
    public Collection<Instance> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public List<Instance> of(PathId appId) {
        return byId.values().stream().filter(i -> i.appId().equals(appId)).toList();
    }

    @Override
    public Optional<Instance> byInstanceId(String instanceId) {
        return Optional.ofNullable(byId.get(instanceId));
    }
}
