package io.mpaas.master;

import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.Address;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** An agent driving the master's components directly: its link is read in-process; it runs nothing. */
final class FakeAgent {

    private final MasterHarness master;
    private final String hostname;
    private final Resources resources;
    private EventStream<AgentEvent> link;
    private AgentId id;
    private final List<AgentEvent> received = new ArrayList<>();

    FakeAgent(MasterHarness master, String hostname, String resources) {
        this.master = master;
        this.hostname = hostname;
        this.resources = Resources.parse(resources);
    }

    AgentId id() {
        return id;
    }

    void register() {
        reregister(List.of(), List.of());
    }

    /** (Re-)registers on a new link, reporting {@code tasks} of {@code frameworks}. */
    void reregister(List<Task> tasks, List<FrameworkInfo> frameworks) {
        link = new EventStream<>(UUID.randomUUID().toString(), MesosJson::write, null, Duration.ofSeconds(15), 10_000);
        AgentInfo info = new AgentInfo(hostname, 5051, resources.toList(), List.of(), id, null);
        id = master.registrar.subscribe(new AgentCall.Subscribe(info, new Address(hostname, "10.0.1.1", 5051),
                "1.11.0", List.of(), tasks, frameworks, List.of()), link, "10.0.1.1");
    }

    List<AgentEvent> events() {
        List<AgentEvent> fresh = new ArrayList<>();
        for (AgentEvent e : link.drain()) {
            fresh.add(MesosJson.read(MesosJson.write(e), AgentEvent.class));
        }
        received.addAll(fresh);
        return fresh;
    }

    /** The tasks launched on this agent since the last look. */
    List<TaskInfo> launched() {
        List<TaskInfo> tasks = new ArrayList<>();
        for (AgentEvent e : events()) {
            if (e.type() == AgentEvent.Type.LAUNCH) {
                tasks.add(e.launch().task());
            } else if (e.type() == AgentEvent.Type.LAUNCH_GROUP) {
                tasks.addAll(e.launchGroup().taskGroup().tasks());
            }
        }
        return tasks;
    }

    List<AgentEvent> history() {
        events();
        return received;
    }

    /** Sends a reliable status update; returns it (with its uuid). */
    TaskStatus update(FrameworkId framework, TaskInfo task, TaskState state) {
        TaskStatus status = new TaskStatus(task.taskId(), state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, null,
                id, null, master.clock.millis() / 1000.0, uuid(), null, null, null, null, null, null);
        send(AgentCall.update(id, framework, status));
        return status;
    }

    void send(AgentCall call) {
        master.agentCalls.handle(call, link.id());
    }

    void pong() {
        send(AgentCall.pong(id, 0));
    }

    /** The link drops. */
    void disconnect() {
        link.close();
        link.drain();
    }

    boolean linkOpen() {
        return link.isOpen();
    }

    static String uuid() {
        UUID u = UUID.randomUUID();
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }
}
