package io.mpaas.protocol.mesos.client;

import static org.awaitility.Awaitility.await;

import io.mpaas.protocol.mesos.FrameworkInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.awaitility.core.ThrowingRunnable;

/**
 * What a client test needs, made fresh for each test: fake masters, clients on tracked threads,
 * a recording listener; {@link #close()} shuts them down, clients before masters.
 */
final class ClientFixture implements AutoCloseable {

    static final FrameworkInfo FRAMEWORK = FrameworkInfo.of("root", "marathon", List.of("web"), 604800);
    static final Credential CREDENTIAL = new Credential("marathon", "s3cret");

    /** Short backoff and timeouts keep the tests fast; a failure still has seconds to show itself. */
    static final SchedulerClientSettings SETTINGS = SchedulerClientSettings.defaults()
            .withCredential(CREDENTIAL)
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    final RecordingListener listener = new RecordingListener();
    final TrackingThreadFactory threads = new TrackingThreadFactory();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    FakeMaster master() throws IOException {
        FakeMaster master = new FakeMaster();
        resources.push(master);
        return master;
    }

    SchedulerClient client(MasterLocator locator, SchedulerClientSettings settings, Clock clock) {
        SchedulerClient client = new SchedulerClient(locator, listener, settings, clock, threads);
        resources.push(client);
        return client;
    }

    /** A client with {@link #SETTINGS} on the system clock, started against {@code master}. */
    SchedulerClient startedAgainst(FakeMaster master) {
        SchedulerClient client = client(MasterLocator.of(List.of(master.uri())), SETTINGS, Clock.systemUTC());
        client.start(FRAMEWORK);
        return client;
    }

    /** Retries {@code assertion} until it holds, for at most {@link FakeMaster#WAIT}. */
    static void eventually(ThrowingRunnable assertion) {
        await().atMost(FakeMaster.WAIT).pollInterval(Duration.ofMillis(5)).untilAsserted(assertion);
    }

    @Override
    public void close() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }
}
