package io.mpaas.marathon.store;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instance store in memory, for scheduler tests. Instances come back as {@link JdbcInstanceRepository}
 * returns them, instants truncated to the millisecond, so a test cannot rely on a precision production
 * does not keep.
 */
public final class InMemoryInstanceRepository implements InstanceRepository {

    private final Map<String, Instance> instances = new HashMap<>();

    @Override
    public synchronized List<Instance> all() {
        return List.copyOf(instances.values());
    }

    @Override
    public synchronized void saveAll(Collection<Instance> batch) {
        batch.forEach(i -> instances.put(i.instanceId(), StoredInstance.of(i).toInstance()));
    }

    @Override
    public synchronized void deleteAll(Collection<String> instanceIds) {
        instanceIds.forEach(instances::remove);
    }
}
