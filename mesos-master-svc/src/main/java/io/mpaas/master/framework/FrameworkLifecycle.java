package io.mpaas.master.framework;

import io.mpaas.master.MasterError;
import io.mpaas.master.MasterProperties;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.stream.EventStream;
import io.mpaas.master.task.TaskStateMachine;
import io.mpaas.master.task.TaskTracker;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Frameworks coming and going: SUBSCRIBE (first time, re-subscription, failover of the scheduler
 * to a new connection), disconnection and the {@code failover_timeout}, TEARDOWN, UPDATE_FRAMEWORK.
 */
@Component
public class FrameworkLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FrameworkLifecycle.class);

    private final Cluster cluster;
    private final HierarchicalAllocator allocator;
    private final OfferBook offers;
    private final TaskTracker tasks;
    private final ClusterEvents events;
    private final Clock clock;
    private final Duration heartbeat;
    private final int maxCompletedFrameworks;

    public FrameworkLifecycle(Cluster cluster, HierarchicalAllocator allocator, OfferBook offers, TaskTracker tasks,
            ClusterEvents events, Clock clock, SchedulerApiProperties api, MasterProperties master) {
        this.cluster = cluster;
        this.allocator = allocator;
        this.offers = offers;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
        this.heartbeat = api.heartbeatInterval();
        this.maxCompletedFrameworks = master.maxCompletedFrameworks();
    }

    /**
     * Subscribes the framework on {@code stream} and queues SUBSCRIBED (or ERROR for a removed framework).
     *
     * @param principal the authenticated principal, or null when authentication is off
     * @return the framework's id
     * @throws MasterError for a subscription the master refuses before the stream starts
     */
    public FrameworkId subscribe(Call.Subscribe subscribe, EventStream<Event> stream, String principal) {
        return cluster.locked(() -> {
            FrameworkInfo info = subscribe.frameworkInfo();
            FrameworkId id = info.id();
            if (id != null && cluster.removedFrameworks().contains(id)) {
                stream.send(Event.error("Framework " + id + " has been removed"));
                stream.close();
                return id;
            }
            Instant now = clock.instant();
            Framework framework = id == null ? null : cluster.frameworks().get(id);
            if (framework == null) {
                id = id != null ? id : cluster.nextFrameworkId();
                framework = new Framework(id, info, Framework.Status.ACTIVE, now);
                framework.suppressedRoles(new LinkedHashSet<>(subscribe.suppressedRoles()));
                cluster.frameworks().put(id, framework);
                allocator.addFramework(id, framework.allocatorSpec(), Map.of());
                events.frameworkAdded(framework);
                log.info("Framework {} ({}) subscribed with roles {}", id, info.name(), framework.roles());
            } else {
                resubscribe(framework, info, subscribe, principal, now);
            }
            framework.principal(principal);
            framework.stream(stream);
            FrameworkId fid = id;
            stream.onClosed(() -> disconnected(fid, stream));
            stream.send(Event.subscribed(id, heartbeat.toMillis() / 1000.0, cluster.masterInfo()));
            offers.requestAllocation();
            return id;
        });
    }

    private void resubscribe(Framework framework, FrameworkInfo info, Call.Subscribe subscribe, String principal,
            Instant now) {
        if (framework.principal() != null && !Objects.equals(framework.principal(), principal)) {
            throw MasterError.badRequest("Framework " + framework.id() + " is registered with principal '"
                    + framework.principal() + "'; it may not re-subscribe as '" + principal + "'");
        }
        EventStream<Event> old = framework.stream();
        if (old != null) {
            framework.stream(null);
            old.send(Event.error("Framework failed over"));
            old.close();
        }
        // Offers never survive a re-subscription; the new connection gets fresh ones.
        offers.rescindAll(framework, false);
        FrameworkInfo previous = framework.info();
        // Like Mesos, a re-subscription may not change the user or checkpointing of a known framework.
        String user = nonEmpty(previous.user()) != null ? previous.user() : info.user();
        Boolean checkpoint = previous.checkpoint() != null ? previous.checkpoint() : info.checkpoint();
        framework.info(new FrameworkInfo(user, info.name(), framework.id(), info.failoverTimeout(), checkpoint,
                info.role(), info.roles(),
                info.hostname(), info.principal(), info.webuiUrl(), info.capabilities(), info.labels(),
                info.offerFilters()));
        framework.suppressedRoles(new LinkedHashSet<>(subscribe.suppressedRoles()));
        allocator.updateFramework(framework.id(), framework.allocatorSpec());
        allocator.activateFramework(framework.id());
        framework.status(Framework.Status.ACTIVE);
        framework.reregisteredTime(now);
        framework.unregisteredTime(null);
        events.frameworkUpdated(framework);
        log.info("Framework {} ({}) re-subscribed", framework.id(), info.name());
    }

    /** The framework's stream ended: it keeps its tasks for its failover timeout. */
    public void disconnected(FrameworkId id, EventStream<Event> stream) {
        cluster.locked(() -> {
            Framework framework = cluster.frameworks().get(id);
            if (framework == null || framework.stream() != stream) {
                return;
            }
            framework.stream(null);
            if (framework.status() != Framework.Status.ACTIVE) {
                return;
            }
            Instant now = clock.instant();
            framework.status(Framework.Status.DISCONNECTED);
            framework.unregisteredTime(now);
            offers.rescindAll(framework, false);
            allocator.deactivateFramework(id);
            events.frameworkUpdated(framework);
            log.info("Framework {} disconnected; failover timeout {} s", id,
                    framework.info().failoverTimeoutSeconds());
            expireIfDue(framework, now);
        });
    }

    /** Removes every disconnected framework whose failover timeout has passed. */
    public void checkFailovers(Instant now) {
        cluster.locked(() -> {
            if (!cluster.isLeading()) {
                return;
            }
            for (Framework framework : List.copyOf(cluster.frameworks().values())) {
                expireIfDue(framework, now);
            }
        });
    }

    /**
     * A DISCONNECTED framework expires {@code failover_timeout} after it disconnected; a RECOVERED one
     * (known from agents after a failover, never re-subscribed) after its reported timeout since the
     * election, where Mesos would leave its tasks orphaned forever (MESOS-4659). A RECOVERED framework
     * whose timeout is unknown is kept.
     */
    private void expireIfDue(Framework framework, Instant now) {
        double timeout = framework.info().failoverTimeoutSeconds();
        Instant since = switch (framework.status()) {
            case DISCONNECTED -> framework.unregisteredTime();
            case RECOVERED -> timeout > 0 ? framework.registeredTime() : null;
            case ACTIVE -> null;
        };
        if (since != null && !now.isBefore(since.plusMillis((long) (timeout * 1000)))) {
            remove(framework, "its failover timeout of " + timeout + " s passed");
        }
    }

    /** TEARDOWN, failover timeout or operator teardown: kill the tasks, forget the framework. */
    public void remove(Framework framework, String why) {
        log.info("Removing framework {} ({}): {}", framework.id(), framework.info().name(), why);
        offers.rescindAll(framework, false);
        double now = clock.millis() / 1000.0;
        Set<Agent> agents = new LinkedHashSet<>();
        List<MasterTask> all = new ArrayList<>(framework.tasks().values());
        all.addAll(framework.unreachableTasks().values());
        for (MasterTask task : all) {
            Agent agent = cluster.agents().get(task.agentId());
            if (agent != null) {
                agents.add(agent);
            }
            TaskStatus killed = TaskStatus.fromMaster(task.id(), TaskState.TASK_KILLED,
                    TaskStatus.Reason.REASON_FRAMEWORK_REMOVED, "Framework removed", task.agentId(), now);
            tasks.apply(framework, task, new TaskStateMachine.FrameworkRemoved(), killed);
        }
        for (Agent agent : cluster.agents().values()) {
            var executors = agent.executors().remove(framework.id());
            if (executors == null) {
                continue;
            }
            agents.add(agent);
            for (ExecutorInfo executor : executors.values()) {
                Resources resources = Resources.of(executor.resources());
                agent.removeUsed(resources);
                framework.removeUsed(resources);
                allocator.recoverResources(framework.id(), agent.id(), framework.roleOf(executor.resources()), resources,
                        null);
            }
        }
        for (Agent agent : agents) {
            agent.send(AgentEvent.shutdownFramework(framework.id()));
            agent.pendingKills().removeIf(k -> k.frameworkId().equals(framework.id()));
        }
        allocator.removeFramework(framework.id());
        cluster.frameworks().remove(framework.id());
        cluster.removedFrameworks().add(framework.id());
        cluster.completedFrameworks().addLast(framework);
        while (cluster.completedFrameworks().size() > maxCompletedFrameworks) {
            cluster.completedFrameworks().removeFirst();
        }
        EventStream<Event> stream = framework.stream();
        framework.stream(null);
        if (stream != null) {
            stream.close();
        }
        events.frameworkRemoved(framework.info());
    }

    /** UPDATE_FRAMEWORK: new roles, capabilities, name...; principal, user and checkpoint may not change. */
    public void update(Framework framework, Call.UpdateFramework update) {
        FrameworkInfo info = update.frameworkInfo();
        FrameworkInfo current = framework.info();
        if (!Objects.equals(nonEmpty(info.principal()), nonEmpty(current.principal()))) {
            throw MasterError.badRequest("Updating 'FrameworkInfo.principal' is unsupported");
        }
        if (!Objects.equals(info.user(), current.user())) {
            throw MasterError.badRequest("Updating 'FrameworkInfo.user' is unsupported");
        }
        if (info.isCheckpointing() != current.isCheckpointing()) {
            throw MasterError.badRequest("Updating 'FrameworkInfo.checkpoint' is unsupported");
        }
        framework.info(info);
        framework.suppressedRoles(new LinkedHashSet<>(update.suppressedRoles()));
        offers.rescindRolesNotIn(framework, framework.roles());
        allocator.updateFramework(framework.id(), framework.allocatorSpec());
        events.frameworkUpdated(framework);
        offers.requestAllocation();
    }

    /** REVIVE: the roles (all when empty) get offers again and their refusal filters are cleared. */
    public void revive(Framework framework, List<String> roles) {
        Set<String> which = checkedRoles(framework, roles);
        framework.suppressedRoles().removeAll(which);
        allocator.reviveOffers(framework.id(), which);
        offers.requestAllocation();
    }

    /** SUPPRESS: no more offers for the roles (all when empty) until REVIVE. */
    public void suppress(Framework framework, List<String> roles) {
        Set<String> which = checkedRoles(framework, roles);
        framework.suppressedRoles().addAll(which);
        allocator.suppressOffers(framework.id(), which);
    }

    private static Set<String> checkedRoles(Framework framework, List<String> roles) {
        if (roles.isEmpty()) {
            return new LinkedHashSet<>(framework.roles());
        }
        for (String role : roles) {
            if (!framework.roles().contains(role)) {
                throw MasterError.badRequest("Role '" + role + "' is not one of the framework's roles "
                        + framework.roles());
            }
        }
        return new LinkedHashSet<>(roles);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
