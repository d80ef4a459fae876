package io.mpaas.agent.container;

import io.mpaas.protocol.mesos.ContainerId;
import java.util.List;
import java.util.Map;

/**
 * What {@link Containerizer#recover} found.
 *
 * @param found the known containers that still exist, running or exited; a known container
 *     missing from here vanished while the agent was away
 * @param orphansKilled names of containers this agent had created but no longer knew, now killed
 */
public record Recovery(Map<ContainerId, ContainerHandle> found, List<String> orphansKilled) {

    public Recovery {
        found = Map.copyOf(found);
        orphansKilled = List.copyOf(orphansKilled);
    }
}
