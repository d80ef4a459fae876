package io.mpaas.master.cluster;

import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The master's in-memory view of the cluster: agents, frameworks, their tasks and the
 * outstanding offers. Like Mesos, none of it is durable except through the registry (agents,
 * weights, quotas): after a failover it is rebuilt from agents re-registering and frameworks
 * re-subscribing. One lock guards all of it; every mutation happens inside {@link #locked}.
 */
public final class Cluster {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<AgentId, Agent> agents = new LinkedHashMap<>();
    private final Map<FrameworkId, Framework> frameworks = new LinkedHashMap<>();
    private final Map<OfferId, OutstandingOffer> offers = new LinkedHashMap<>();
    private final Deque<Framework> completedFrameworks = new ArrayDeque<>();
    private final Set<FrameworkId> removedFrameworks = new LinkedHashSet<>();
    private MaintenanceSchedule maintenance = MaintenanceSchedule.EMPTY;
    private Map<String, Double> weights = Map.of();
    private Map<String, QuotaConfig> quotas = Map.of();
    private MasterInfo masterInfo;
    private Instant electedTime;
    /** Read without the lock by every request (the leader gate); written under it. */
    private volatile boolean leading;
    private volatile boolean recovered;
    /** Released when the current term has recovered, or has ended: requests that came early wait on it. */
    private volatile CountDownLatch recovery = new CountDownLatch(1);
    private long frameworkSeq;
    private long agentSeq;
    private long offerSeq;

    public void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a new leadership term: everything from an earlier term is forgotten, and ids are
     * minted from the new master id so that they never collide with the previous leader's.
     */
    public void startTerm(MasterInfo info, Instant now) {
        agents.clear();
        frameworks.clear();
        offers.clear();
        completedFrameworks.clear();
        removedFrameworks.clear();
        frameworkSeq = 0;
        agentSeq = 0;
        offerSeq = 0;
        masterInfo = info;
        electedTime = now;
        recovery.countDown();
        recovery = new CountDownLatch(1);
        recovered = false;
        leading = true;
    }

    /** Ends the leadership term; the caller has closed the streams. */
    public void endTerm() {
        leading = false;
        recovered = false;
        recovery.countDown();
        agents.clear();
        frameworks.clear();
        offers.clear();
    }

    /** The maintenance schedule; offers of agents in a window carry it as {@code unavailability}. */
    public MaintenanceSchedule maintenance() {
        return maintenance;
    }

    public void maintenance(MaintenanceSchedule schedule) {
        this.maintenance = schedule;
    }

    /** Role weights as configured (roles not listed weigh 1.0). */
    public Map<String, Double> weights() {
        return weights;
    }

    public void weights(Map<String, Double> w) {
        this.weights = Map.copyOf(w);
    }

    public Map<String, QuotaConfig> quotas() {
        return quotas;
    }

    public void quotas(Map<String, QuotaConfig> q) {
        this.quotas = Map.copyOf(q);
    }

    public MasterInfo masterInfo() {
        return masterInfo;
    }

    public Instant electedTime() {
        return electedTime;
    }

    public boolean isLeading() {
        return leading;
    }

    /** False until the registry has been read in this term; scheduler calls get 503 until then. */
    public boolean isRecovered() {
        return recovered;
    }

    public void markRecovered() {
        recovered = true;
        recovery.countDown();
    }

    /**
     * Waits (without the lock) until the current term has recovered or has ended, at most {@code max}.
     *
     * @return whether this master now leads and has recovered
     */
    public boolean awaitRecovery(java.time.Duration max) throws InterruptedException {
        CountDownLatch current = recovery;
        if (!recovered) {
            current.await(max.toNanos(), TimeUnit.NANOSECONDS);
        }
        return leading && recovered;
    }

    public Map<AgentId, Agent> agents() {
        return agents;
    }

    public Map<FrameworkId, Framework> frameworks() {
        return frameworks;
    }

    public Map<OfferId, OutstandingOffer> offers() {
        return offers;
    }

    public Deque<Framework> completedFrameworks() {
        return completedFrameworks;
    }

    /** Ids of frameworks removed in this term: they may not subscribe again. */
    public Set<FrameworkId> removedFrameworks() {
        return removedFrameworks;
    }

    public FrameworkId nextFrameworkId() {
        return FrameworkId.of(masterInfo.id() + "-" + String.format("%04d", frameworkSeq++));
    }

    public AgentId nextAgentId() {
        return AgentId.of(masterInfo.id() + "-S" + agentSeq++);
    }

    public OfferId nextOfferId() {
        return OfferId.of(masterInfo.id() + "-O" + offerSeq++);
    }
}
