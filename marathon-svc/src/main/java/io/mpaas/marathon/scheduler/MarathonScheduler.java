package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.framework.FrameworkIdRepository;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.client.Disconnection;
import io.mpaas.protocol.mesos.client.SchedulerListener;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hears the master and puts everything that changes state on the scheduler loop. */
public final class MarathonScheduler implements SchedulerListener {

    private static final Logger log = LoggerFactory.getLogger(MarathonScheduler.class);

    private final SchedulerLoop loop;
    private final OfferHandler offers;
    private final StatusHandler statuses;
    private final Reconciler reconciler;
    private final FrameworkIdRepository frameworkIds;
    private final Events events;

    public MarathonScheduler(SchedulerLoop loop, OfferHandler offers, StatusHandler statuses, Reconciler reconciler,
            FrameworkIdRepository frameworkIds, Events events) {
        this.loop = loop;
        this.offers = offers;
        this.statuses = statuses;
        this.reconciler = reconciler;
        this.frameworkIds = frameworkIds;
        this.events = events;
    }

    @Override
    public void onSubscribed(FrameworkId frameworkId, MasterInfo master, boolean reconnect) {
        String masterAddress = master == null ? "" : master.hostPort();
        if (frameworkIds.get().filter(frameworkId.value()::equals).isEmpty()) {
            frameworkIds.set(frameworkId.value());
        }
        log.info("Subscribed as framework {} at {} ({})", frameworkId.value(), masterAddress,
                reconnect ? "re-registered" : "registered");
        if (reconnect) {
            events.schedulerReregistered(masterAddress);
        } else {
            events.schedulerRegistered(frameworkId.value(), masterAddress);
        }
        loop.submit(work -> reconciler.start());
    }

    @Override
    public void onOffers(List<Offer> received) {
        loop.submit(work -> offers.onOffers(work, received));
    }

    @Override
    public void onRescind(OfferId offerId) {
        // Offers are answered as soon as they arrive, so a rescinded one has been used or declined already.
    }

    @Override
    public void onUpdate(TaskStatus status) {
        loop.submit(work -> {
            reconciler.observe(status);
            statuses.onUpdate(work, status);
        });
    }

    @Override
    public void onDisconnected(Disconnection disconnection) {
        log.warn("Disconnected from the master: {}", disconnection);
        events.schedulerDisconnected();
    }

    @Override
    public void onMessage(AgentId agentId, ExecutorId executorId, byte[] data) {
        events.frameworkMessage(agentId.value(), executorId.value(), Base64.getEncoder().encodeToString(data));
    }

    @Override
    public void onError(String message) {
        log.error("The master refused marathon's subscription: {}", message);
    }
}
