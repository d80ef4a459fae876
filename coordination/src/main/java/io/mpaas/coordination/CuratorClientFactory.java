package io.mpaas.coordination;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.imps.DefaultACLProvider;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * Builds the one Curator client a process uses for election and detection, configured the way leadership
 * needs it, so no service has to get these settings right on its own:
 * <ul>
 * <li><b>Connection-state error policy: standard</b> ({@code SUSPENDED} counts as an error). A leader that
 * loses its connection gives up leadership at once instead of waiting for {@code LOST}: ZooKeeper's client
 * notices silence after 2/3 of the session timeout, while the server only lets another candidate win after the
 * full session timeout, so the old leader has stopped before a new one can start. {@link LeaderElector}
 * refuses a client with any other policy.</li>
 * <li><b>Digest auth and ACLs</b> when the URL carries {@code user:password@}: nodes are created readable by
 * anyone and writable by the authenticated creator (Mesos's {@code EVERYONE_READ_CREATOR_ALL}), so tools
 * without credentials still find the leader but cannot change the group.</li>
 * <li><b>Bounded exponential backoff</b> for operations that hit a connection loss: a few quick retries, then
 * the caller sees the failure and the connection-state events drive recovery.</li>
 * <li><b>No ensemble tracking</b>: the operator's URL is the truth, as with Mesos; rewriting it from the
 * ensemble's dynamic config breaks clients behind NAT or in containers.</li>
 * </ul>
 * The caller owns the returned client and closes it after the electors and detectors that use it.
 */
public final class CuratorClientFactory {

    /**
     * Mesos's {@code --zk_session_timeout}: how long a silent process stays a member. Shorter fails over faster
     * but turns GC pauses and network blips into failovers; 10 s is the value Mesos operators are used to.
     */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long one ZooKeeper operation waits for a connection before it counts as failed. Short, so leadership
     * transitions never hang behind a dead ensemble; the session timeout, not this, decides when a member is
     * gone.
     */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** First retry after a connection loss: soon, since most losses are a server switch that takes milliseconds. */
    static final Duration RETRY_BASE_SLEEP = Duration.ofMillis(100);

    /** Cap on one retry's sleep, so the last retries still come while the session is alive. */
    static final Duration RETRY_MAX_SLEEP = Duration.ofSeconds(2);

    /** Retries of one operation; beyond that the connection-state events (RECONNECTED, LOST) take over. */
    static final int MAX_RETRIES = 5;

    private CuratorClientFactory() {
    }

    /** A started client with Mesos's default session timeout. */
    public static CuratorFramework start(ZkUrl url) {
        return start(url, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * A started client. It connects in the background; election and detection wait for the connection
     * themselves, so a process can start while ZooKeeper is still coming up.
     */
    public static CuratorFramework start(ZkUrl url, Duration sessionTimeout, Duration connectionTimeout) {
        CuratorFramework client = builder(url, sessionTimeout, connectionTimeout).build();
        client.start();
        return client;
    }

    static CuratorFrameworkFactory.Builder builder(ZkUrl url, Duration sessionTimeout, Duration connectionTimeout) {
        Objects.requireNonNull(url, "url");
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(url.connectString())
                .sessionTimeoutMs(positiveMillis(sessionTimeout, "sessionTimeout"))
                .connectionTimeoutMs(positiveMillis(connectionTimeout, "connectionTimeout"))
                .retryPolicy(new BoundedExponentialBackoffRetry(
                        (int) RETRY_BASE_SLEEP.toMillis(), (int) RETRY_MAX_SLEEP.toMillis(), MAX_RETRIES))
                .connectionStateErrorPolicy(new StandardConnectionStateErrorPolicy())
                .ensembleTracker(false)
                .aclProvider(aclProvider(url));
        url.digest().ifPresent(digest -> builder.authorization("digest", digest.authBytes()));
        return builder;
    }

    /** World-readable, creator-writable with credentials; open without (ZooKeeper's and Mesos's default). */
    static ACLProvider aclProvider(ZkUrl url) {
        if (url.digest().isEmpty()) {
            return new DefaultACLProvider();
        }
        // Not List.of: ZooKeeper asks the list whether it contains null, which immutable lists refuse.
        List<ACL> acl = Collections.unmodifiableList(Arrays.asList(
                new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE),
                new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.AUTH_IDS)));
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return acl;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acl;
            }
        };
    }

    private static int positiveMillis(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and below 24 days, was " + duration);
        }
        return (int) duration.toMillis();
    }
}
