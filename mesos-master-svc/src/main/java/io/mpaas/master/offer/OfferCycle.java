package io.mpaas.master.offer;

import io.mpaas.master.allocator.Allocation;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.protocol.mesos.AllocationInfo;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Url;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One allocation cycle end to end: asks the allocator what to offer, records the offers and
 * sends them, batched per framework. Also withdraws offers older than the offer timeout.
 */
@Component
public class OfferCycle {

    private final Cluster cluster;
    private final HierarchicalAllocator allocator;
    private final OfferBook offers;
    private final AllocationProperties properties;
    private final Clock clock;

    public OfferCycle(Cluster cluster, HierarchicalAllocator allocator, OfferBook offers,
            AllocationProperties properties, Clock clock) {
        this.cluster = cluster;
        this.allocator = allocator;
        this.offers = offers;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs one cycle; returns the number of offers made. */
    public int allocate() {
        return cluster.locked(() -> {
            if (!cluster.isLeading() || !cluster.isRecovered()) {
                return 0;
            }
            Instant now = clock.instant();
            Map<Framework, List<Offer>> byFramework = new LinkedHashMap<>();
            List<Allocation> allocations = allocator.allocate();
            for (Allocation allocation : allocations) {
                Framework framework = cluster.frameworks().get(allocation.framework());
                Agent agent = cluster.agents().get(allocation.agent());
                if (framework == null || agent == null || !framework.isConnected() || !agent.isConnected()) {
                    allocator.recoverResources(allocation.framework(), allocation.agent(), allocation.role(),
                            allocation.resources(), null);
                    continue;
                }
                OutstandingOffer offer = new OutstandingOffer(cluster.nextOfferId(), framework.id(), agent.id(),
                        allocation.role(), allocation.resources(), now);
                offers.add(offer);
                byFramework.computeIfAbsent(framework, f -> new ArrayList<>()).add(toWire(offer, framework, agent));
            }
            int made = 0;
            for (Map.Entry<Framework, List<Offer>> e : byFramework.entrySet()) {
                List<Offer> list = e.getValue();
                for (int from = 0; from < list.size(); from += properties.maxOffersPerEvent()) {
                    int to = Math.min(list.size(), from + properties.maxOffersPerEvent());
                    e.getKey().send(Event.offers(list.subList(from, to)));
                }
                made += list.size();
            }
            return made;
        });
    }

    /** How many allocation runs this master made (Mesos's {@code allocator/mesos/allocation_runs}). */
    public long allocationRuns() {
        return allocator.allocationRuns();
    }

    /** How long the last allocation run took, in milliseconds; 0 before the first. */
    public double lastAllocationRunMillis() {
        return allocator.lastAllocationRunDuration().toNanos() / 1e6;
    }

    /** Rescinds offers older than the offer timeout, if one is set. */
    public void expireOffers(Instant now) {
        if (properties.offerTimeout() == null) {
            return;
        }
        Instant oldest = now.minus(properties.offerTimeout());
        cluster.locked(() -> {
            for (OutstandingOffer offer : List.copyOf(cluster.offers().values())) {
                if (!offer.createdAt().isAfter(oldest)) {
                    offers.rescind(offer.id(), true);
                }
            }
        });
    }

    /** The offer as the framework sees it, in the resource format it understands. */
    Offer toWire(OutstandingOffer offer, Framework framework, Agent agent) {
        boolean refinement = framework.info().hasCapability(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
        List<Resource> resources = new ArrayList<>();
        for (Resource r : offer.resources().toList(offer.role())) {
            resources.add(r.inFormat(refinement));
        }
        List<ExecutorId> executors = new ArrayList<>();
        var mine = agent.executors().get(framework.id());
        if (mine != null) {
            executors.addAll(mine.keySet());
        }
        return new Offer(offer.id(), framework.id(), agent.id(), agent.hostname(),
                Url.http(agent.hostname(), agent.ip(), agent.port(), "/slave(1)"), agent.info().domain(), resources,
                agent.attributes(), executors, cluster.maintenance().unavailabilityOf(agent.hostname(), agent.ip()),
                new AllocationInfo(offer.role()));
    }
}
