package io.mpaas.master.cluster;

import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An agent as the master tracks it. Mutated only under the cluster lock. */
public final class Agent {

    /** Where the agent stands with this master. */
    public enum Status {
        /** Linked and answering pings; its resources are offered. Next: DISCONNECTED, UNREACHABLE, GONE. */
        ACTIVE,
        /** Its link broke; its tasks are kept while pings are still allowed to be missed. Next: ACTIVE, UNREACHABLE. */
        DISCONNECTED,
        /**
         * Known from the registry after a failover but not yet re-registered with this leader;
         * its tasks are unknown until it does. Next: ACTIVE, UNREACHABLE (re-registration window over).
         */
        RECOVERING,
        /** Missed too many pings; its tasks were reported unreachable or lost. Next: ACTIVE (it came back), GONE. */
        UNREACHABLE,
        /** Marked gone by an operator: it may never come back. Terminal. */
        GONE
    }

    private final AgentId id;
    private AgentInfo info;
    private Resources total;
    private Status status;
    private EventStream<AgentEvent> link;
    private Instant registeredTime;
    private Instant reregisteredTime;
    private Instant lastSeen;
    private Instant lastPinged;
    private Instant unreachableTime;
    private String version;
    private List<String> capabilities = List.of();
    private String ip;
    private boolean deactivated;
    private Resources used = Resources.EMPTY;
    private Resources offered = Resources.EMPTY;
    private final Map<TaskId, MasterTask> tasks = new LinkedHashMap<>();
    private final Map<FrameworkId, Map<ExecutorId, ExecutorInfo>> executors = new LinkedHashMap<>();
    private final Set<OfferId> offers = new LinkedHashSet<>();
    private final List<PendingKill> pendingKills = new ArrayList<>();

    public Agent(AgentId id, AgentInfo info, Status status, Instant registeredTime) {
        this.id = id;
        this.status = status;
        this.registeredTime = registeredTime;
        this.lastSeen = registeredTime;
        update(info);
    }

    public AgentId id() {
        return id;
    }

    public AgentInfo info() {
        return info;
    }

    /** Replaces the agent's self-description (hostname, resources, attributes) on re-registration. */
    public void update(AgentInfo newInfo) {
        this.info = newInfo.withId(id);
        // Computed when first asked: a new leader creates ten thousand agents from its registry before
        // it may serve, and each computes it again from its own report when it re-registers.
        this.total = null;
    }

    public String hostname() {
        return info.hostname();
    }

    public int port() {
        return info.port() == null ? 5051 : info.port();
    }

    public List<Attribute> attributes() {
        return info.attributes();
    }

    public Resources total() {
        Resources t = total;
        if (t == null) {
            t = Resources.of(info.resources());
            total = t;
        }
        return t;
    }

    public Status status() {
        return status;
    }

    public void status(Status newStatus) {
        this.status = newStatus;
    }

    public boolean isConnected() {
        return status == Status.ACTIVE && link != null && link.isOpen();
    }

    public EventStream<AgentEvent> link() {
        return link;
    }

    public void link(EventStream<AgentEvent> newLink) {
        this.link = newLink;
    }

    /** Sends an event on the link if the agent is linked; false otherwise. */
    public boolean send(AgentEvent event) {
        EventStream<AgentEvent> l = link;
        return l != null && l.send(event);
    }

    public Instant registeredTime() {
        return registeredTime;
    }

    public void registeredTime(Instant t) {
        this.registeredTime = t;
    }

    public Instant reregisteredTime() {
        return reregisteredTime;
    }

    public void reregisteredTime(Instant t) {
        this.reregisteredTime = t;
    }

    /** When the agent last proved alive (registration or PONG). */
    public Instant lastSeen() {
        return lastSeen;
    }

    public void seen(Instant t) {
        this.lastSeen = t;
    }

    /** When the agent was last pinged (or linked); its next PING is due one interval later. */
    public Instant lastPinged() {
        return lastPinged;
    }

    public void pinged(Instant t) {
        this.lastPinged = t;
    }

    public Instant unreachableTime() {
        return unreachableTime;
    }

    public void unreachableTime(Instant t) {
        this.unreachableTime = t;
    }

    public String version() {
        return version;
    }

    public void version(String v) {
        this.version = v;
    }

    public List<String> capabilities() {
        return capabilities;
    }

    public void capabilities(List<String> c) {
        this.capabilities = List.copyOf(c);
    }

    /** The address the agent's link came from; used in offer URLs when the agent gave none. */
    public String ip() {
        return ip;
    }

    public void ip(String address) {
        this.ip = address;
    }

    /** Deactivated for maintenance: no offers, tasks keep running. */
    public boolean deactivated() {
        return deactivated;
    }

    public void deactivated(boolean d) {
        this.deactivated = d;
    }

    public Resources used() {
        return used;
    }

    public void addUsed(Resources r) {
        used = used.plus(r);
    }

    public void removeUsed(Resources r) {
        used = used.minus(r);
    }

    public Resources offered() {
        return offered;
    }

    public void addOffer(OutstandingOffer offer) {
        offers.add(offer.id());
        offered = offered.plus(offer.resources());
    }

    public void removeOffer(OutstandingOffer offer) {
        if (offers.remove(offer.id())) {
            offered = offered.minus(offer.resources());
        }
    }

    public Set<OfferId> offers() {
        return offers;
    }

    public Map<TaskId, MasterTask> tasks() {
        return tasks;
    }

    public Map<FrameworkId, Map<ExecutorId, ExecutorInfo>> executors() {
        return executors;
    }

    public List<PendingKill> pendingKills() {
        return pendingKills;
    }
}
