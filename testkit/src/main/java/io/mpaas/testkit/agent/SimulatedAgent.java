package io.mpaas.testkit.agent;

import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.agentlink.AgentLink;
import io.mpaas.protocol.mesos.Address;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.client.MasterLocator;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An agent that runs nothing, for scale and scenario tests: it registers over the real agent
 * link, reports each launched task STARTING then RUNNING, and FINISHED after {@code taskDuration}
 * (never, when null) or KILLED when asked. Status updates are reliable as on a real agent: one
 * update per task in flight, resent every {@code retryInterval} until acknowledged. After a
 * reconnect it re-registers with its id and its tasks, as a real agent does after a master failover.
 */
public final class SimulatedAgent implements AutoCloseable {

    /** How the simulated agent behaves. */
    public record Behavior(Duration taskDuration, TaskState finalState, Duration retryInterval) {
        public static Behavior runForever() {
            return new Behavior(null, TaskState.TASK_FINISHED, Duration.ofSeconds(2));
        }

        public static Behavior finishAfter(Duration d) {
            return new Behavior(d, TaskState.TASK_FINISHED, Duration.ofSeconds(2));
        }
    }

    private final String hostname;
    private final Resources resources;
    private final List<Attribute> attributes;
    private final Behavior behavior;
    private final AgentLink link;
    private final ScheduledExecutorService timers;
    private final Map<TaskId, SimulatedTask> tasks = new ConcurrentHashMap<>();
    private final Map<FrameworkId, FrameworkInfo> frameworks = new ConcurrentHashMap<>();
    private volatile AgentEvent.Registered registration;
    private volatile int registrations;

    public SimulatedAgent(String hostname, String resources, String attributes, Behavior behavior,
            MasterLocator master, String credentials, HttpClient http) {
        this.hostname = hostname;
        this.resources = Resources.parse(resources);
        this.attributes = Attribute.parseAll(attributes);
        this.behavior = behavior;
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("sim-" + hostname).factory());
        AgentLink.Settings settings = new AgentLink.Settings(master, credentials, Duration.ofMillis(100),
                Duration.ofSeconds(5), Duration.ofSeconds(30));
        this.link = new AgentLink(settings, http, this::subscribeCall, new Handler());
    }

    /** Convenience: an agent of a master at a fixed URL. */
    public static SimulatedAgent of(String hostname, String resources, URI master, Behavior behavior) {
        return new SimulatedAgent(hostname, resources, "", behavior, MasterLocator.of(List.of(master)), null,
                HttpClient.newHttpClient());
    }

    public SimulatedAgent start() {
        link.start();
        return this;
    }

    public AgentId agentId() {
        return link.agentId();
    }

    /** How many times the master has (re-)registered this agent. */
    public int registrations() {
        return registrations;
    }

    public boolean isRegistered() {
        return registration != null && link.isConnected();
    }

    /** The tasks this agent runs or ran, by id, with their latest state. */
    public Map<TaskId, TaskState> taskStates() {
        Map<TaskId, TaskState> states = new LinkedHashMap<>();
        tasks.forEach((id, t) -> states.put(id, t.state()));
        return states;
    }

    /** How many of its tasks are not in a terminal state (cheaper than {@link #taskStates} for a count). */
    public int activeTasks() {
        int active = 0;
        for (SimulatedTask task : tasks.values()) {
            if (!task.state().isTerminal()) {
                active++;
            }
        }
        return active;
    }

    /** Status updates sent but not yet acknowledged. */
    public int unacknowledged() {
        return tasks.values().stream().mapToInt(SimulatedTask::pending).sum();
    }

    /** Drops the link; the agent re-registers by itself, reporting its tasks. */
    public void reconnect() {
        link.reconnect();
    }

    @Override
    public void close() {
        link.close();
        timers.shutdownNow();
    }

    private AgentCall.Subscribe subscribeCall() {
        AgentInfo info = new AgentInfo(hostname, 5051, resources.toList(), attributes, link.agentId(), null);
        List<Task> reported = new ArrayList<>();
        for (SimulatedTask t : tasks.values()) {
            if (!t.state().isTerminal() || t.pending() > 0) {
                reported.add(t.asTask(link.agentId()));
            }
        }
        return new AgentCall.Subscribe(info, new Address(hostname, "127.0.0.1", 5051), "1.11.0", List.of(),
                reported, List.copyOf(frameworks.values()), List.of());
    }

    private void launch(FrameworkInfo framework, TaskInfo info) {
        frameworks.put(framework.id(), framework);
        SimulatedTask task = new SimulatedTask(framework.id(), info);
        tasks.put(info.taskId(), task);
        report(task, TaskState.TASK_STARTING);
        report(task, TaskState.TASK_RUNNING);
        if (behavior.taskDuration() != null) {
            timers.schedule(() -> {
                if (!task.state().isTerminal()) {
                    report(task, behavior.finalState());
                }
            }, behavior.taskDuration().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void report(SimulatedTask task, TaskState state) {
        TaskStatus status = task.transition(state);
        if (status != null) {
            flush(task);
        }
    }

    /** Sends the task's oldest unacknowledged update, now and again at the retry interval until acknowledged. */
    private void flush(SimulatedTask task) {
        TaskStatus head = task.head();
        if (head == null || !link.isConnected()) {
            return;
        }
        link.send(AgentCall.update(link.agentId(), task.frameworkId(), head.withAgentId(link.agentId())));
        timers.schedule(() -> {
            if (task.head() == head) {
                flush(task);
            }
        }, behavior.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private final class Handler implements AgentLink.Handler {
        @Override
        public void onRegistered(AgentEvent.Registered registered) {
            registration = registered;
            registrations++;
            tasks.values().forEach(SimulatedAgent.this::flush);
        }

        @Override
        public void onEvent(AgentEvent event) {
            switch (event.type()) {
                case LAUNCH -> launch(event.launch().frameworkInfo(), event.launch().task());
                case LAUNCH_GROUP -> event.launchGroup().taskGroup().tasks()
                        .forEach(t -> launch(event.launchGroup().frameworkInfo(), t));
                case KILL -> {
                    SimulatedTask task = tasks.get(event.kill().taskId());
                    if (task != null && !task.state().isTerminal()) {
                        report(task, TaskState.TASK_KILLED);
                    }
                }
                case ACKNOWLEDGE -> {
                    SimulatedTask task = tasks.get(event.acknowledge().taskId());
                    if (task != null && task.acknowledge(event.acknowledge().uuid())) {
                        flush(task);
                    }
                }
                case SHUTDOWN_FRAMEWORK -> {
                    FrameworkId id = event.shutdownFramework().frameworkId();
                    tasks.values().removeIf(t -> t.frameworkId().equals(id));
                    frameworks.remove(id);
                }
                default -> {
                }
            }
        }
    }
}
