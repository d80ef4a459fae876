package io.mpaas.marathon.offer;

import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.protocol.mesos.Offer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last known facts (hostname, fault domain, attributes) of every agent an offer came from, for
 * instances that do not carry their own.
 *
 * <p>Why it still exists: an instance records its agent's facts when it is launched
 * ({@link AgentInfo}), and constraints read them from there. Instances stored before that was done
 * come back with their agent id and host only; for those the constraint evaluator falls back to this
 * memory, which fills as agents offer (Mesos offers every agent with free resources within seconds),
 * so an upgrade is no worse than before. Once such instances have been replaced it is never asked.
 * Not persisted. Thread-safe: offers may be handled on several threads.
 */
public final class AgentAttributes {

    private final ConcurrentMap<String, AgentInfo> byAgent = new ConcurrentHashMap<>();

    /** Records (or refreshes) what the offer says about its agent. */
    public void remember(Offer offer) {
        if (offer == null || offer.agentId() == null) {
            return;
        }
        byAgent.put(offer.agentId().value(), AgentInfo.of(offer));
    }

    /** Forgets an agent that left the cluster. */
    public void forget(String agentId) {
        byAgent.remove(agentId);
    }

    /** How many agents are known. */
    public int size() {
        return byAgent.size();
    }

    Optional<AgentInfo> of(String agentId) {
        return agentId == null ? Optional.empty() : Optional.ofNullable(byAgent.get(agentId));
    }
}
