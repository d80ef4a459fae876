package io.mpaas.marathon.store;

import io.mpaas.marathon.framework.FrameworkIdRepository;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The framework id in memory, for scheduler tests. */
public final class InMemoryFrameworkIdRepository implements FrameworkIdRepository {

    private final AtomicReference<String> frameworkId = new AtomicReference<>();

    @Override
    public Optional<String> get() {
        return Optional.ofNullable(frameworkId.get());
    }

    @Override
    public void set(String id) {
        frameworkId.set(Objects.requireNonNull(id, "frameworkId"));
    }

    @Override
    public void clear() {
        frameworkId.set(null);
    }
}
