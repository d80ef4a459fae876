package io.mpaas.master.cluster;

import io.mpaas.master.allocator.FrameworkSpec;
import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A framework as the master tracks it. Mutated only under the cluster lock. */
public final class Framework {

    /** Where the framework stands with this master. */
    public enum Status {
        /** Subscribed with an open event stream; gets offers. Next: DISCONNECTED, removed. */
        ACTIVE,
        /**
         * Its stream broke; its tasks are kept for its {@code failover_timeout}, after which it is
         * removed and its tasks killed. Next: ACTIVE (re-subscribed in time), removed.
         */
        DISCONNECTED,
        /**
         * Known only from the tasks that agents reported after a master failover; it has not
         * re-subscribed with this leader yet. Next: ACTIVE.
         */
        RECOVERED
    }

    private final FrameworkId id;
    private FrameworkInfo info;
    private Status status;
    private EventStream<Event> stream;
    private String principal;
    private Instant registeredTime;
    private Instant reregisteredTime;
    private Instant unregisteredTime;
    private Set<String> suppressedRoles = new LinkedHashSet<>();
    private Resources used = Resources.EMPTY;
    private Resources offered = Resources.EMPTY;
    private final Map<TaskId, MasterTask> tasks = new LinkedHashMap<>();
    private final Map<TaskId, MasterTask> unreachableTasks = new LinkedHashMap<>();
    private final Deque<MasterTask> completedTasks = new ArrayDeque<>();
    private final Map<OfferId, OutstandingOffer> offers = new LinkedHashMap<>();

    public Framework(FrameworkId id, FrameworkInfo info, Status status, Instant registeredTime) {
        this.id = id;
        this.info = info.withId(id);
        this.status = status;
        this.registeredTime = registeredTime;
    }

    public FrameworkId id() {
        return id;
    }

    public FrameworkInfo info() {
        return info;
    }

    public void info(FrameworkInfo newInfo) {
        this.info = newInfo.withId(id);
    }

    public List<String> roles() {
        return info.effectiveRoles();
    }

    /**
     * The role resources of this framework are allocated to: the {@code allocation_info} they
     * carry, else the framework's first role (resources launched before MULTI_ROLE, or reported
     * by an agent without it).
     */
    public String roleOf(List<Resource> resources) {
        for (Resource r : resources) {
            if (r.allocationInfo() != null && r.allocationInfo().role() != null) {
                return r.allocationInfo().role();
            }
        }
        List<String> roles = roles();
        return roles.isEmpty() ? Resource.UNRESERVED : roles.getFirst();
    }

    /** What the allocator needs to know of this framework. */
    public FrameworkSpec allocatorSpec() {
        return new FrameworkSpec(new LinkedHashSet<>(roles()), new LinkedHashSet<>(suppressedRoles),
                info.hasCapability(FrameworkInfo.Capability.Type.GPU_RESOURCES), minAllocatableByRole());
    }

    /**
     * {@code offer_filters}: per role, alternatives of minimum quantities an offer must meet,
     * from {@code {"role":{"min_allocatable_resources":{"quantities":[{"quantities":{"cpus":{"value":1}}}]}}}}.
     */
    private Map<String, List<Map<String, Double>>> minAllocatableByRole() {
        Map<String, List<Map<String, Double>>> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : info.offerFilters().entrySet()) {
            JsonNode alternatives = e.getValue().path("min_allocatable_resources").path("quantities");
            List<Map<String, Double>> list = new ArrayList<>();
            for (JsonNode alternative : alternatives) {
                Map<String, Double> quantities = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> q : alternative.path("quantities").properties()) {
                    quantities.put(q.getKey(), q.getValue().path("value").asDouble());
                }
                list.add(quantities);
            }
            result.put(e.getKey(), list);
        }
        return result;
    }

    public boolean isPartitionAware() {
        return info.isPartitionAware();
    }

    public Status status() {
        return status;
    }

    public void status(Status newStatus) {
        this.status = newStatus;
    }

    public boolean isConnected() {
        return status == Status.ACTIVE && stream != null && stream.isOpen();
    }

    public EventStream<Event> stream() {
        return stream;
    }

    public void stream(EventStream<Event> newStream) {
        this.stream = newStream;
    }

    /** Sends an event if the framework is connected; events for a disconnected framework are dropped, as in Mesos. */
    public boolean send(Event event) {
        EventStream<Event> s = stream;
        return status == Status.ACTIVE && s != null && s.send(event);
    }

    /** The principal the framework authenticated as, if authentication is on. */
    public String principal() {
        return principal;
    }

    public void principal(String p) {
        this.principal = p;
    }

    public Instant registeredTime() {
        return registeredTime;
    }

    public Instant reregisteredTime() {
        return reregisteredTime;
    }

    public void reregisteredTime(Instant t) {
        this.reregisteredTime = t;
    }

    /** When the framework disconnected; its failover timeout runs from here. */
    public Instant unregisteredTime() {
        return unregisteredTime;
    }

    public void unregisteredTime(Instant t) {
        this.unregisteredTime = t;
    }

    public Set<String> suppressedRoles() {
        return suppressedRoles;
    }

    public void suppressedRoles(Set<String> roles) {
        this.suppressedRoles = new LinkedHashSet<>(roles);
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

    public Map<OfferId, OutstandingOffer> offers() {
        return offers;
    }

    public void addOffer(OutstandingOffer offer) {
        offers.put(offer.id(), offer);
        offered = offered.plus(offer.resources());
    }

    public void removeOffer(OutstandingOffer offer) {
        if (offers.remove(offer.id()) != null) {
            offered = offered.minus(offer.resources());
        }
    }

    /** Tasks that are not archived: running, staging, or terminal but not yet acknowledged. */
    public Map<TaskId, MasterTask> tasks() {
        return tasks;
    }

    /** Tasks on unreachable agents; they may come back. */
    public Map<TaskId, MasterTask> unreachableTasks() {
        return unreachableTasks;
    }

    public Deque<MasterTask> completedTasks() {
        return completedTasks;
    }

    /** Archives a finished task, keeping at most {@code limit} completed tasks (Mesos: 1000). */
    public void archive(MasterTask task, int limit) {
        completedTasks.addLast(task);
        while (completedTasks.size() > limit) {
            completedTasks.removeFirst();
        }
    }
}
