package io.mpaas.marathon.offer;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AllocationInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.DomainInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Url;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offers, apps and instances as the real components make them: offers the way the master
 * sends them to a framework in role {@code *} (resources with {@code allocation_info} and the
 * pre-refinement {@code role}), apps normalized.
 */
final class Fixtures {

    static final Instant VERSION = Instant.parse("2024-05-01T10:00:00Z");
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final AtomicInteger OFFER_IDS = new AtomicInteger();

    private Fixtures() {
    }

    /** An offer in role {@code *}: {@code resources} in Mesos notation ({@code cpus(web):2} reserves). */
    static Offer offer(String agent, String hostname, String resources, String attributes) {
        return offer(agent, hostname, resources, attributes, "*", null);
    }

    static Offer offer(String agent, String hostname, String resources, String attributes, String role,
            DomainInfo domain) {
        List<Resource> offered = new ArrayList<>();
        for (Resource r : Resources.parse(resources).toList(role)) {
            offered.add(r.inFormat(false));
        }
        return new Offer(OfferId.of("offer-" + OFFER_IDS.incrementAndGet()), FrameworkId.of("marathon"),
                AgentId.of(agent), hostname, Url.http(hostname, "10.0.0.1", 5051, "/slave(1)"), domain, offered,
                Attribute.parseAll(attributes), null, null, new AllocationInfo(role));
    }

    /** A normalized host-networking app with one port definition (service port {@code 10000}). */
    static App.Builder app(String id) {
        return App.withId(id).toBuilder()
                .cmd("sleep 1000")
                .instances(1)
                .cpus(1.0)
                .mem(128.0)
                .disk(0.0)
                .gpus(0)
                .version("2024-05-01T10:00:00.000Z")
                .requirePorts(false)
                .networks(List.of(new Network("host", null, null)))
                .portDefinitions(List.of(new PortDefinition(10000, "tcp", null, null)))
                .labels(Map.of())
                .env(Map.of());
    }

    static LaunchRequest waiting(App app) {
        return new LaunchRequest(app, Instance.scheduled(PathId.of(app.id()), VERSION, NOW));
    }

    static List<LaunchRequest> waiting(App app, int count) {
        List<LaunchRequest> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(waiting(app));
        }
        return list;
    }

    /** A running instance of {@code appId} on {@code agent}/{@code host}, an agent without attributes. */
    static Instance running(String appId, String agent, String host) {
        return running(appId, AgentInfo.plain(agent, host));
    }

    /** A running instance of {@code appId} launched on the offer's agent, with the facts the offer gave. */
    static Instance runningOn(String appId, Offer offer) {
        return running(appId, AgentInfo.of(offer));
    }

    /** A running instance as one stored before agent facts were kept comes back: agent id and host only. */
    static Instance storedWithoutFacts(String appId, String agent, String host) {
        return running(appId, AgentInfo.withoutFacts(agent, host));
    }

    private static Instance running(String appId, AgentInfo agent) {
        Instance scheduled = Instance.scheduled(PathId.of(appId), VERSION, NOW);
        return scheduled.provisioned(scheduled.instanceId() + "._app.1", 1, agent, List.of(), List.of(), "*", NOW)
                .withCondition(Condition.RUNNING, NOW);
    }
}
