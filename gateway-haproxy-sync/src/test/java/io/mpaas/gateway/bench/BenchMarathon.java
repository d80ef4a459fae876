package io.mpaas.gateway.bench;

import io.mpaas.gateway.marathon.FakeMarathon;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.event.MarathonEvent;
import java.io.IOException;
import java.net.URI;

/**
 * The feed tests' fake marathon ({@link FakeMarathon}: {@code /v2/leader}, {@code /v2/apps}, {@code /v2/apps/{id}},
 * an SSE {@code /v2/events}) spoken in records: apps as {@link AppInfo}, events as {@link MarathonEvent}, written
 * as marathon writes them.
 */
final class BenchMarathon implements AutoCloseable {

    private final FakeMarathon fake;

    BenchMarathon() throws IOException {
        fake = new FakeMarathon();
    }

    URI url() {
        return fake.url();
    }

    /** Adds or replaces an app (its tasks embedded). */
    void app(AppInfo app) {
        fake.app(app.app().id(), MarathonJson.write(app));
    }

    void removeApp(String id) {
        fake.removeApp(id);
    }

    int openStreams() {
        return fake.openStreams();
    }

    /** Sends an event to every open stream, as marathon writes it. */
    void push(MarathonEvent event) {
        fake.push(event.eventType(), MarathonJson.write(event));
    }

    @Override
    public void close() {
        fake.close();
    }
}
