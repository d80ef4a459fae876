package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.Resources;
import java.util.HashSet;
import java.util.Set;

/**
 * The allocator's view of one agent. Only the total and what is still available are kept;
 * what is allocated is their difference, so the two can never disagree about a port.
 * Identity equality on purpose: filters and allocations are keyed by the instance, so a
 * re-added agent of the same id starts clean.
 */
final class AgentState {

    final AgentId id;
    /** The total as the master gave it (returned as is by the read side). */
    Resources totalResources;
    CompactResources total;
    /** Total minus everything offered or used by tasks. */
    CompactResources available;
    /** Inactive (deactivated, draining, disconnected) agents get no offers but keep their allocations. */
    boolean active = true;
    /** Agents with GPUs go only to GPU-capable frameworks (when filtering is on). */
    boolean hasGpus;
    /** Frameworks holding resources here: what removing the agent must untrack. */
    final Set<FrameworkState> holders = new HashSet<>();
    /** Position in the allocator's agent list, for O(1) removal. */
    int index;

    AgentState(AgentId id) {
        this.id = id;
    }
}
