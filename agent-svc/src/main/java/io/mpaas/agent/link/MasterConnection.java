package io.mpaas.agent.link;

import io.mpaas.agent.checkpoint.Checkpoints;
import io.mpaas.agent.machine.AgentIdentity;
import io.mpaas.agent.status.StatusUpdates;
import io.mpaas.agent.status.UpdateTransport;
import io.mpaas.agent.task.AgentTask;
import io.mpaas.agent.task.AgentTasks;
import io.mpaas.agent.task.TaskRecovery;
import io.mpaas.agent.task.TaskRunner;
import io.mpaas.coordination.MasterSource;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.agentlink.AgentLink;
import io.mpaas.protocol.agentlink.LinkCalls;
import io.mpaas.protocol.mesos.Address;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.client.MasterLocator;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The agent's link to the leading master: first recovers the tasks of a previous run, then
 * registers (re-registers, with its id and its tasks, when it has run before), keeps the link
 * up across master failovers, and hands what the master sends to the {@link TaskRunner}.
 */
@Component
public class MasterConnection implements SmartLifecycle, UpdateTransport {

    private static final Logger log = LoggerFactory.getLogger(MasterConnection.class);
    /** Mesos agents report this version; the master accepts agents from 1.0.0 on. */
    static final String VERSION = "1.11.0";
    /**
     * Status updates in flight to the master at once ({@link SendWindow}): enough to hide the
     * master's answer time (eight answers of 10 ms are 800 updates a second), few enough that a
     * burst does not open a connection per update.
     */
    static final int UPDATES_IN_FLIGHT = 8;

    private final MasterLinkProperties properties;
    private final AgentIdentity identity;
    private final AgentTasks tasks;
    private final TaskRunner runner;
    private final TaskRecovery recovery;
    private final StatusUpdates updates;
    private final Checkpoints checkpoints;
    private volatile AgentLink link;
    private volatile boolean registered;
    private MasterSource masters;
    private final SendWindow window = new SendWindow(UPDATES_IN_FLIGHT);

    public MasterConnection(MasterLinkProperties properties, AgentIdentity identity, AgentTasks tasks,
            TaskRunner runner, TaskRecovery recovery, StatusUpdates updates, Checkpoints checkpoints) {
        this.properties = properties;
        this.identity = identity;
        this.tasks = tasks;
        this.runner = runner;
        this.recovery = recovery;
        this.updates = updates;
        this.checkpoints = checkpoints;
    }

    @Override
    public void start() {
        try {
            recovery.recover();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recovering", e);
        }
        updates.attach(this);
        masters = MasterSource.open(properties.url(), MasterLocator.AGENT_SPREAD);
        AgentLink.Settings settings = new AgentLink.Settings(masters.locator(), properties.credentials(),
                properties.registrationBackoff(), properties.maxRegistrationBackoff(), properties.requestTimeout());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        link = new AgentLink(settings, http, LinkCalls.keptAlive(http), this::subscribeCall, new Handler());
        link.start();
        log.info("Linking to the master at {} as {} ({}:{})", properties.url(), identity.hostname(), identity.ip(),
                identity.port());
    }

    private AgentCall.Subscribe subscribeCall() {
        List<Task> reported = new ArrayList<>();
        for (AgentTask task : tasks.all()) {
            TaskStatus head = updates.head(task.taskId()).orElse(null);
            if (!task.isTerminal() || head != null) {
                reported.add(task.asTask(identity.agentId(), head));
            }
        }
        return new AgentCall.Subscribe(identity.info(), new Address(identity.hostname(), identity.ip(),
                identity.port()), VERSION, List.of(), reported, List.copyOf(tasks.frameworks().values()), List.of());
    }

    /** Whether the agent is registered with a master right now. */
    @Override
    public boolean isConnected() {
        AgentLink current = link;
        return registered && current != null && current.isConnected();
    }

    /** Through the {@link SendWindow}: the update goes out now or once one of those in flight is answered. */
    @Override
    public void send(FrameworkId framework, TaskStatus update) {
        window.submit(() -> {
            AgentLink current = link;
            if (current == null) {
                return CompletableFuture.completedFuture(null);
            }
            return current.send(AgentCall.update(identity.agentId(), framework,
                    update.withAgentId(identity.agentId()))).exceptionally(e -> {
                        log.debug("Status update {} of {} not delivered now ({}); it will be resent", update.state(),
                                update.taskId(), e.toString());
                        return null;
                    });
        });
    }

    private final class Handler implements AgentLink.Handler {
        @Override
        public void onRegistered(AgentEvent.Registered r) {
            boolean first = identity.agentId() == null || !identity.agentId().equals(r.agentId());
            identity.assign(r.agentId());
            if (first) {
                checkpoints.saveAgent(identity.info());
            }
            registered = true;
            log.info("{} with the master {} as agent {}", Boolean.TRUE.equals(r.reregistered()) ? "Re-registered"
                    : "Registered", r.masterInfo() == null ? "" : r.masterInfo().hostname(), r.agentId());
            updates.connected();
        }

        @Override
        public void onEvent(AgentEvent event) {
            switch (event.type()) {
                case LAUNCH -> runner.launch(event.launch().frameworkInfo(), event.launch().task(), null);
                case LAUNCH_GROUP -> {
                    var group = event.launchGroup();
                    for (TaskInfo task : group.taskGroup().tasks()) {
                        runner.launch(group.frameworkInfo(), task, group.executor() == null ? null
                                : group.executor().executorId());
                    }
                }
                case KILL -> runner.kill(event.kill().frameworkId(), event.kill().taskId(), event.kill().killPolicy());
                case ACKNOWLEDGE -> runner.acknowledge(event.acknowledge().taskId(), event.acknowledge().uuid());
                case SHUTDOWN_FRAMEWORK -> runner.shutdownFramework(event.shutdownFramework().frameworkId());
                case SHUTDOWN_EXECUTOR -> runner.shutdownExecutor(event.shutdownExecutor().frameworkId(),
                        event.shutdownExecutor().executorId());
                case MESSAGE -> log.debug("Ignoring a framework message: this agent runs no custom executors");
                default -> log.debug("Ignoring agent event {}", event.type());
            }
        }

        @Override
        public void onDisconnected(String reason) {
            if (registered) {
                log.warn("Lost the link to the master: {}", reason);
            }
            registered = false;
        }
    }

    @Override
    public void stop() {
        AgentLink current = link;
        if (current != null) {
            current.close();
        }
        if (masters != null) {
            masters.close();
        }
    }

    @Override
    public boolean isRunning() {
        return link != null;
    }
}
