package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerKind;
import io.mpaas.agent.container.Containerizer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The containerizers of this agent by kind. */
@Component
public class Containerizers {

    private final Map<ContainerKind, Containerizer> byKind = new EnumMap<>(ContainerKind.class);

    public Containerizers(List<Containerizer> containerizers) {
        containerizers.forEach(c -> byKind.put(c.kind(), c));
    }

    public Optional<Containerizer> of(ContainerKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public List<Containerizer> all() {
        return List.copyOf(byKind.values());
    }
}
