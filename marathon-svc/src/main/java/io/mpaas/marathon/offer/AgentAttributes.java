package io.mpaas.marathon.offer;

import io.mpaas.protocol.mesos.Offer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last known hostname, fault domain and attributes of every agent an offer came from.
 *
 * <p>Why: an instance records only its agent id and host, but a constraint such as
 * {@code ["rack", "GROUP_BY"]} must know the rack of every agent that already runs one, and
 * those agents may have no offer outstanding now. Offers are the only place a framework
 * learns attributes, so each one seen is remembered. The memory is not persisted: after a
 * failover, instances on agents that have not offered yet count as lacking the attribute
 * until their agents offer again (Mesos offers every agent with free resources within seconds).
 * Thread-safe: offers may be handled on several threads.
 */
public final class AgentAttributes {

    private final ConcurrentMap<String, AgentFacts> byAgent = new ConcurrentHashMap<>();

    /** Records (or refreshes) what the offer says about its agent. */
    public void remember(Offer offer) {
        if (offer == null || offer.agentId() == null) {
            return;
        }
        byAgent.put(offer.agentId().value(), AgentFacts.of(offer));
    }

    /** Forgets an agent that left the cluster. */
    public void forget(String agentId) {
        byAgent.remove(agentId);
    }

    /** How many agents are known. */
    public int size() {
        return byAgent.size();
    }

    Optional<AgentFacts> of(String agentId) {
        return agentId == null ? Optional.empty() : Optional.ofNullable(byAgent.get(agentId));
    }
}
