package io.mpaas.master;

import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A framework driving the master's components directly: its stream is read in-process. */
final class FakeFramework {

    private final MasterHarness master;
    private FrameworkInfo info;
    private EventStream<Event> stream;
    private FrameworkId id;
    private final List<Event> received = new ArrayList<>();

    FakeFramework(MasterHarness master, FrameworkInfo info) {
        this.master = master;
        this.info = info;
    }

    FrameworkId id() {
        return id;
    }

    /** (Re-)subscribes on a new stream, with the framework's id once it has one. */
    void subscribe() {
        stream = new EventStream<>(UUID.randomUUID().toString(), MesosJson::write, Event.HEARTBEAT,
                Duration.ofSeconds(5), 100_000);
        FrameworkInfo withId = id == null ? info : info.withId(id);
        id = master.frameworks.subscribe(new Call.Subscribe(withId, null, null), stream, null);
    }

    /** Events received since the last call (each event also goes through the JSON codec, as on the wire). */
    List<Event> events() {
        List<Event> fresh = new ArrayList<>();
        for (Event e : stream.drain()) {
            fresh.add(MesosJson.read(MesosJson.write(e), Event.class));
        }
        received.addAll(fresh);
        return fresh;
    }

    List<Offer> offers() {
        List<Offer> offers = new ArrayList<>();
        for (Event e : events()) {
            if (e.type() == Event.Type.OFFERS) {
                offers.addAll(e.offers().offers());
            }
        }
        return offers;
    }

    List<TaskStatus> updates() {
        List<TaskStatus> updates = new ArrayList<>();
        for (Event e : events()) {
            if (e.type() == Event.Type.UPDATE) {
                updates.add(e.update().status());
            }
        }
        return updates;
    }

    /** Everything received so far, including what tests already looked at. */
    List<Event> history() {
        events();
        return received;
    }

    String streamId() {
        return stream.id();
    }

    boolean streamOpen() {
        return stream.isOpen();
    }

    void call(Call call) {
        master.calls.handle(call, stream.id(), null);
    }

    void acknowledge(TaskStatus status) {
        call(Call.acknowledge(id, status.agentId(), status.taskId(), status.uuid()));
    }

    /** The connection drops (the client went away). */
    void disconnect() {
        stream.close();
        stream.drain();
    }
}
