package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.util.Objects;

/**
 * One offer to be made: the resources of one agent handed to one framework in one role. The
 * allocator counts them as allocated from the moment it returns them; the master turns each
 * into an {@code Offer} and gives back what is declined, rescinded or left unused through
 * {@link HierarchicalAllocator#recoverResources}.
 */
public record Allocation(FrameworkId framework, String role, AgentId agent, Resources resources) {
    public Allocation {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(resources, "resources");
    }
}
