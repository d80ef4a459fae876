package io.mpaas.marathon.instance;

import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.DomainInfo;
import io.mpaas.protocol.mesos.Offer;
import java.util.List;
import java.util.Objects;

/**
 * The agent an instance was launched on, as the offer described it then (Marathon's
 * {@code Instance.AgentInfo}).
 *
 * <p>Why on the instance: placement constraints such as {@code ["rack", "GROUP_BY"]} must know the
 * rack of every agent that already runs one of the app's instances, and those agents need not have
 * an offer outstanding. Kept here and stored with the instance, the facts are known for every
 * running instance as soon as a new leader has loaded its instances, instead of only once each agent
 * offers again. As in Marathon the facts are those at launch: an agent keeps its attributes under its
 * id (a restarted agent with changed ones is refused, except for additions under Mesos 1.5's
 * {@code --reconfiguration_policy=additive}), so they rarely differ from the facts now.
 *
 * @param agentId    the Mesos agent id
 * @param host       the agent's hostname
 * @param region     the agent's fault-domain region; null when it has none
 * @param zone       the agent's fault-domain zone; null when it has none
 * @param attributes the agent's attributes in the offer's order; <b>null when not recorded</b>: an
 *                   instance stored before the facts were kept comes back with its agent id and host
 *                   only (see {@link #withoutFacts})
 */
public record AgentInfo(String agentId, String host, String region, String zone, List<Attribute> attributes) {

    public AgentInfo {
        attributes = attributes == null ? null : attributes.stream().filter(Objects::nonNull).toList();
    }

    /** What the offer says about its agent. */
    public static AgentInfo of(Offer offer) {
        DomainInfo.FaultDomain domain = offer.domain() == null ? null : offer.domain().faultDomain();
        return new AgentInfo(offer.agentId() == null ? null : offer.agentId().value(), offer.hostname(),
                domain == null || domain.region() == null ? null : domain.region().name(),
                domain == null || domain.zone() == null ? null : domain.zone().name(),
                offer.attributes() == null ? List.of() : offer.attributes());
    }

    /** An agent without fault domain or attributes. */
    public static AgentInfo plain(String agentId, String host) {
        return new AgentInfo(agentId, host, null, null, List.of());
    }

    /** Only the agent id and host are known: how an instance stored before facts were kept comes back. */
    public static AgentInfo withoutFacts(String agentId, String host) {
        return new AgentInfo(agentId, host, null, null, null);
    }

    /** Whether region, zone and attributes were recorded (false for instances stored by earlier versions). */
    public boolean factsKnown() {
        return attributes != null;
    }
}
