package io.mpaas.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in this JVM (curator-test), plus the clients a test opens on it, closed together.
 * The server ticks every 200 ms so sessions of 2 s are allowed (ZooKeeper caps sessions at 20 ticks) and expire
 * within a tick of their timeout, which keeps failover tests at a few seconds.
 */
public final class InProcessZooKeeper implements AutoCloseable {

    /** Session timeout of test clients: long enough for a loaded CI machine, short enough for quick failovers. */
    static final Duration SESSION = Duration.ofSeconds(2);

    /** Connection timeout of test clients. */
    static final Duration CONNECTION = Duration.ofSeconds(2);

    private static final int TICK_MILLIS = 200;

    public final TestingServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    public InProcessZooKeeper() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLIS, -1), true);
    }

    public ZkUrl url(String path) {
        return ZkUrl.parse("zk://" + server.getConnectString() + path);
    }

    public CuratorFramework client() {
        return client(SESSION);
    }

    CuratorFramework client(Duration session) {
        return track(CuratorClientFactory.start(url("/mesos"), session, CONNECTION));
    }

    /** Closes {@code closeable} with the fixture, before the clients opened earlier. */
    public <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Expires the session of {@code client} as the server would after a long partition. */
    static void expireSession(CuratorFramework client) throws Exception {
        KillSession.kill(client.getZookeeperClient().getZooKeeper());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Already closed by the test (a "killed" process); nothing to release.
            }
        }
        server.close();
    }
}
