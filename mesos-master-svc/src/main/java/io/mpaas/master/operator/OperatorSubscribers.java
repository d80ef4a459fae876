package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterListener;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.master.operator.ClusterSnapshot.AgentView;
import io.mpaas.master.operator.ClusterSnapshot.FrameworkView;
import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import io.mpaas.protocol.mesos.master.OperatorEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The operator event streams (SUBSCRIBE on {@code /api/v1}). A subscription starts with
 * SUBSCRIBED carrying the whole state; the snapshot is taken and the subscriber registered in one
 * step under the cluster lock, so no change falls between the snapshot and the first event, and
 * none is reported twice. Events are built lazily, once for all subscribers, on the streams' own
 * threads: the master, which calls this listener under its lock, only copies what may change.
 * At most {@code max-subscribers} streams; the oldest gives way. Streams end with the term.
 */
@Component
public class OperatorSubscribers implements ClusterListener, AutoCloseable {

    private final StateReader reader;
    private final Cluster cluster;
    private final OperatorProperties properties;
    /** Oldest first. Guarded by itself; the master adds to it under the cluster lock. */
    private final Deque<Subscription> subscriptions = new ArrayDeque<>();
    private ScheduledExecutorService termWatch;

    public OperatorSubscribers(StateReader reader, OperatorProperties properties) {
        this.reader = reader;
        this.cluster = reader.cluster();
        this.properties = properties;
    }

    private record Subscription(EventStream<Supplier<OperatorEvent>> stream, MasterInfo term) {
    }

    /**
     * Opens a subscription whose first event is SUBSCRIBED; the caller serves the stream.
     *
     * @throws MasterError UNAVAILABLE when this master does not lead
     */
    public EventStream<Supplier<OperatorEvent>> subscribe() {
        double heartbeat = properties.heartbeatInterval().toMillis() / 1000.0;
        EventStream<Supplier<OperatorEvent>> stream = new EventStream<>("operator-" + UUID.randomUUID(),
                event -> MesosJson.write(event.get()), () -> OperatorEvent.HEARTBEAT,
                properties.heartbeatInterval(), properties.queueCapacity());
        List<Subscription> evicted = new ArrayList<>();
        cluster.locked(() -> {
            if (!cluster.isLeading()) {
                throw new MasterError(MasterError.Code.UNAVAILABLE, "Not the leading master");
            }
            ClusterSnapshot snapshot = reader.snapshotLocked();
            stream.send(once(() -> OperatorEvent.subscribed(V1Assembler.state(snapshot), heartbeat)));
            synchronized (subscriptions) {
                subscriptions.addLast(new Subscription(stream, cluster.masterInfo()));
                while (subscriptions.size() > properties.maxSubscribers()) {
                    evicted.add(subscriptions.removeFirst());
                }
            }
        });
        stream.onClosed(() -> remove(stream));
        evicted.forEach(s -> s.stream().close());
        watchTerm();
        return stream;
    }

    int count() {
        synchronized (subscriptions) {
            return subscriptions.size();
        }
    }

    @Override
    public void taskAdded(MasterTask task) {
        publish(() -> OperatorEvent.taskAdded(task.task()));
    }

    @Override
    public void taskUpdated(MasterTask task, TaskStatus status) {
        publish(() -> OperatorEvent.taskUpdated(task.frameworkId(), status, task.state()));
    }

    @Override
    public void agentAdded(Agent agent) {
        if (isEmpty()) {
            return;
        }
        AgentView view = AgentView.of(agent);
        publish(once(() -> OperatorEvent.agentAdded(V1Assembler.agent(view))));
    }

    @Override
    public void agentRemoved(AgentId agentId) {
        publish(() -> OperatorEvent.agentRemoved(agentId));
    }

    @Override
    public void frameworkAdded(Framework framework) {
        if (!isEmpty()) {
            publish(framework(framework, true));
        }
    }

    @Override
    public void frameworkUpdated(Framework framework) {
        if (!isEmpty()) {
            publish(framework(framework, false));
        }
    }

    @Override
    public void frameworkRemoved(FrameworkInfo info) {
        publish(() -> OperatorEvent.frameworkRemoved(info));
    }

    /** Copies what the event needs now (the framework and the agents of its offers); builds it later. */
    private Supplier<OperatorEvent> framework(Framework framework, boolean added) {
        FrameworkView view = new FrameworkView(framework.id(), framework.info(), framework.status(),
                framework.isConnected(), false, framework.registeredTime(), framework.reregisteredTime(),
                framework.unregisteredTime(), framework.used(), framework.offered(), List.of(), List.of(), List.of(),
                List.copyOf(framework.offers().values()));
        Map<AgentId, AgentView> agents = new HashMap<>();
        for (OutstandingOffer offer : view.offers()) {
            Agent agent = cluster.agents().get(offer.agentId());
            if (agent != null) {
                agents.computeIfAbsent(agent.id(), id -> AgentView.of(agent));
            }
        }
        MaintenanceSchedule maintenance = cluster.maintenance();
        return once(() -> {
            var v1 = V1Assembler.framework(view, agents::get, maintenance);
            return added ? OperatorEvent.frameworkAdded(v1) : OperatorEvent.frameworkUpdated(v1);
        });
    }

    private boolean isEmpty() {
        synchronized (subscriptions) {
            return subscriptions.isEmpty();
        }
    }

    private void publish(Supplier<OperatorEvent> event) {
        synchronized (subscriptions) {
            for (Subscription s : subscriptions) {
                s.stream().send(event);
            }
        }
    }

    private void remove(EventStream<Supplier<OperatorEvent>> stream) {
        synchronized (subscriptions) {
            subscriptions.removeIf(s -> s.stream() == stream);
        }
    }

    /**
     * A subscription belongs to the term it began in: when this master loses leadership (or leads
     * again with a new id) its streams end, so subscribers reconnect and find the current leader.
     */
    private synchronized void watchTerm() {
        if (termWatch != null) {
            return;
        }
        long period = properties.heartbeatInterval().toMillis();
        termWatch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("operator-term-watch")
                .daemon().factory());
        termWatch.scheduleWithFixedDelay(this::closeStale, period, period, TimeUnit.MILLISECONDS);
    }

    void closeStale() {
        MasterInfo term = cluster.locked(() -> cluster.isLeading() ? cluster.masterInfo() : null);
        List<Subscription> stale = new ArrayList<>();
        synchronized (subscriptions) {
            subscriptions.removeIf(s -> s.term() != term && stale.add(s));
        }
        stale.forEach(s -> s.stream().close());
    }

    @Override
    public synchronized void close() {
        if (termWatch != null) {
            termWatch.shutdownNow();
            termWatch = null;
        }
    }

    /** Builds the event once however many subscribers encode it. */
    private static Supplier<OperatorEvent> once(Supplier<OperatorEvent> build) {
        return new Supplier<>() {
            private volatile OperatorEvent built;

            @Override
            public OperatorEvent get() {
                OperatorEvent e = built;
                if (e == null) {
                    e = build.get();
                    built = e;
                }
                return e;
            }
        };
    }
}
