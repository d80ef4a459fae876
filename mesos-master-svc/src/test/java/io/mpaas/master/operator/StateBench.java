package io.mpaas.master.operator;

import io.mpaas.master.MasterProperties;
import io.mpaas.master.agent.AgentLinkProperties;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.ha.MasterIdentity;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.security.SecurityProperties;
import io.mpaas.protocol.mesos.MesosJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.core.JsonGenerator;

/**
 * The {@code /master/state} path for the benchmark ({@code io.mpaas.master.bench.StateBenchmark}),
 * which lives outside this package: the same snapshot, renderer and generator as the controller,
 * and the controller itself for runs over HTTP.
 */
public final class StateBench {

    private final StateReader reader;
    private final StateRenderer renderer;
    private final MasterFlags flags;
    private final StateController controller;

    private StateBench(Cluster cluster, Clock clock) {
        MasterProperties master = new MasterProperties("master.bench", "127.0.0.1", Path.of("/var/lib/mesos"),
                "bench", 50, 1000);
        reader = new StateReader(cluster, clock);
        renderer = new StateRenderer(new MasterBuild("1.11.0", null, null), "bench");
        flags = new MasterFlags(master, new AllocationProperties(Duration.ofSeconds(1), Duration.ofSeconds(5), null,
                500), new AgentLinkProperties(Duration.ofSeconds(15), 5, Duration.ofMinutes(10), 10000),
                new SecurityProperties(List.of(), null, null, null),
                new OperatorProperties(Duration.ofSeconds(5), 1000, 100000, 1 << 20), new MasterIdentity(master),
                new MockEnvironment());
        LeaderGate gate = new LeaderGate(cluster, () -> Optional.ofNullable(cluster.locked(cluster::masterInfo)));
        controller = new StateController(gate, reader, renderer, flags);
    }

    /** Over a cluster whose term has begun. */
    public static StateBench over(Cluster cluster, Clock clock) {
        return new StateBench(cluster, clock);
    }

    /** The controller, to serve over HTTP. */
    public StateController controller() {
        return controller;
    }

    /** Takes a snapshot (under the cluster lock); the returned nanoseconds are the time the lock was needed. */
    public Object snapshot(long[] lockNanos) {
        long started = System.nanoTime();
        ClusterSnapshot snapshot = reader.snapshot();
        lockNanos[0] = System.nanoTime() - started;
        return snapshot;
    }

    /** Writes {@code /master/state} of a snapshot, as the controller streams it. */
    public void write(Object snapshot, OutputStream out) {
        try (JsonGenerator g = MesosJson.mapper().createGenerator(out)) {
            renderer.state(new V0Writer(g), (ClusterSnapshot) snapshot, flags.flags());
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
