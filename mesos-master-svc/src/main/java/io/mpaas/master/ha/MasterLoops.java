package io.mpaas.master.ha;

import io.mpaas.master.agent.AgentHealth;
import io.mpaas.master.agent.AgentLinkProperties;
import io.mpaas.master.framework.FrameworkLifecycle;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.offer.AllocationSignal;
import io.mpaas.master.offer.OfferCycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The leader's periodic work: the allocation loop (every interval, and as soon as something
 * rings the {@link AllocationSignal}), pings to agents, and the timeout checks (agent silence,
 * framework failover, offer timeout, the re-registration window). Runs only while this master
 * leads: started and stopped by {@link MasterTerm}. The decisions live in the called components,
 * which take the time as an argument; this class only ticks.
 */
@Component
public class MasterLoops implements LeaderWork, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MasterLoops.class);

    /** How often timeouts are checked: fine enough that a timeout fires within a second of its due time. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final AllocationSignal signal;
    private final OfferCycle offers;
    private final AgentHealth agents;
    private final FrameworkLifecycle frameworks;
    private final Duration allocationInterval;
    private final Duration pingInterval;
    private final TermMilestones milestones;
    private final Clock clock;
    private ScheduledExecutorService timers;
    private Thread allocationThread;

    public MasterLoops(AllocationSignal signal, OfferCycle offers, AgentHealth agents, FrameworkLifecycle frameworks,
            AllocationProperties allocation, AgentLinkProperties agentLink, TermMilestones milestones, Clock clock) {
        this.signal = signal;
        this.offers = offers;
        this.agents = agents;
        this.frameworks = frameworks;
        this.allocationInterval = allocation.interval();
        this.pingInterval = agentLink.pingInterval();
        this.milestones = milestones;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (timers != null) {
            return;
        }
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("master-timers").daemon()
                .factory());
        long pingTick = Math.min(CHECK_INTERVAL.toMillis(), pingInterval.toMillis());
        timers.scheduleAtFixedRate(guarded("pings", () -> agents.sendPings(clock.instant())), pingTick, pingTick,
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(guarded("timeouts", this::checkTimeouts), CHECK_INTERVAL.toMillis(),
                CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        allocationThread = Thread.ofPlatform().name("allocator").daemon().start(this::allocationLoop);
    }

    @Override
    public synchronized void stop() {
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
        }
        if (allocationThread != null) {
            allocationThread.interrupt();
            allocationThread = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void checkTimeouts() {
        Instant now = clock.instant();
        agents.checkHealth(now);
        frameworks.checkFailovers(now);
        offers.expireOffers(now);
    }

    private void allocationLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                signal.await(allocationInterval);
                milestones.offersSent(offers.allocate());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Allocation cycle failed", e);
            }
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Periodic {} failed", what, e);
            }
        };
    }
}
