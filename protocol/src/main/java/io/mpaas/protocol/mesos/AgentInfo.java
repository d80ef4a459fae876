package io.mpaas.protocol.mesos;

import java.util.List;

/** An agent's description of itself: where it answers, its total resources and its attributes. */
public record AgentInfo(
        String hostname,
        Integer port,
        List<Resource> resources,
        List<Attribute> attributes,
        AgentId id,
        DomainInfo domain) {

    public AgentInfo {
        resources = resources == null ? List.of() : List.copyOf(resources);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public AgentInfo withId(AgentId newId) {
        return new AgentInfo(hostname, port, resources, attributes, newId, domain);
    }
}
