package io.mpaas.master.offer;

import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outstanding offers, indexed by id, framework and agent. Every way an offer ends goes
 * through here, so its resources are given back to the allocator exactly once (or consumed
 * by a launch). Callers hold the cluster lock.
 */
public final class OfferBook {

    private final Cluster cluster;
    private final HierarchicalAllocator allocator;
    private final AllocationTrigger trigger;

    public OfferBook(Cluster cluster, HierarchicalAllocator allocator, AllocationTrigger trigger) {
        this.cluster = cluster;
        this.allocator = allocator;
        this.trigger = trigger;
    }

    /** Asks for an allocation cycle soon (something changed that may free or unblock resources). */
    public void requestAllocation() {
        trigger.requestAllocation();
    }

    public void add(OutstandingOffer offer) {
        cluster.offers().put(offer.id(), offer);
        Framework f = cluster.frameworks().get(offer.frameworkId());
        Agent a = cluster.agents().get(offer.agentId());
        if (f != null) {
            f.addOffer(offer);
        }
        if (a != null) {
            a.addOffer(offer);
        }
    }

    /** Takes an offer off the books without returning its resources (the caller uses or returns them). */
    public OutstandingOffer take(OfferId id) {
        OutstandingOffer offer = cluster.offers().remove(id);
        if (offer == null) {
            return null;
        }
        Framework f = cluster.frameworks().get(offer.frameworkId());
        Agent a = cluster.agents().get(offer.agentId());
        if (f != null) {
            f.removeOffer(offer);
        }
        if (a != null) {
            a.removeOffer(offer);
        }
        return offer;
    }

    /** Declines an offer: its resources go back, kept away from the framework for {@code refuse}. */
    public void decline(OfferId id, Duration refuse) {
        OutstandingOffer offer = take(id);
        if (offer != null) {
            allocator.recoverResources(offer.frameworkId(), offer.agentId(), offer.role(), offer.resources(), refuse);
            trigger.requestAllocation();
        }
    }

    /**
     * Withdraws an offer. The framework hears RESCIND when {@code tell} (not when it is gone or
     * is being told otherwise, e.g. that it failed over).
     */
    public void rescind(OfferId id, boolean tell) {
        OutstandingOffer offer = take(id);
        if (offer == null) {
            return;
        }
        if (tell) {
            Framework f = cluster.frameworks().get(offer.frameworkId());
            if (f != null) {
                f.send(Event.rescind(offer.id()));
            }
        }
        allocator.recoverResources(offer.frameworkId(), offer.agentId(), offer.role(), offer.resources(), null);
        trigger.requestAllocation();
    }

    public void rescindAll(Framework framework, boolean tell) {
        for (OfferId id : new ArrayList<>(framework.offers().keySet())) {
            rescind(id, tell);
        }
    }

    public void rescindAll(Agent agent, boolean tell) {
        for (OfferId id : new ArrayList<>(agent.offers())) {
            rescind(id, tell);
        }
    }

    /** Rescinds a framework's offers in roles it no longer has. */
    public void rescindRolesNotIn(Framework framework, List<String> roles) {
        for (OutstandingOffer offer : new ArrayList<>(framework.offers().values())) {
            if (!roles.contains(offer.role())) {
                rescind(offer.id(), true);
            }
        }
    }
}
