package io.mpaas.coordination;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells who leads an election held on a bare Curator {@code LeaderLatch} ({@link LeaderElector#onLatch}): the
 * participant id stored in the latch node with the lowest sequence, which is the node the latch elects. This is
 * how Marathon's standbys find the leader under {@code <zk path>/leader-curator}.
 *
 * <p>Curator's own {@code LeaderLatch.getLeader()} asks ZooKeeper twice on every call; a standby proxies every
 * request to the leader, so this detector keeps the answer and re-reads only when the latch's children change
 * (one-shot watches, re-armed on every read) or the connection comes back. Like {@link MasterDetector} it keeps
 * the last leader while merely {@code SUSPENDED} and reports none once the session is {@code LOST}, until it
 * can read again.
 *
 * <p>The lowest node's owner may not have heard of its election yet, or may just be stepping down: callers that
 * find their own id here while they do not lead should ask again shortly rather than act on it.
 */
public final class LatchLeaderDetector implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(LatchLeaderDetector.class);

    /** The marker Curator's latch puts before the sequence in each node name ({@code _c_<uuid>-latch-<seq>}). */
    static final String LATCH_NODE_MARKER = "latch-";

    private final ChildrenWatch<String> watch;

    private volatile Optional<String> leader = Optional.empty();

    /**
     * @param client    any started client; not closed by this
     * @param latchPath the latch's parent node, as given to {@link LeaderElector#onLatch}
     */
    public LatchLeaderDetector(CuratorFramework client, String latchPath) {
        this.watch = new ChildrenWatch<>(client, latchPath, "latch-detector", this::firstParticipant,
                this::update);
    }

    /** Starts watching; the first read happens as soon as the client is connected. */
    public void start() {
        watch.start();
    }

    /** The leader's participant id as last read; empty if there is none or it is not known. Never blocks. */
    public Optional<String> leaderId() {
        return leader;
    }

    /** Stops watching. Idempotent. */
    @Override
    public void close() {
        watch.close();
    }

    /** The sequence part of a latch node's name, which orders the candidates; empty for foreign children. */
    static Optional<String> sequence(String child) {
        int marker = child.lastIndexOf(LATCH_NODE_MARKER);
        return marker < 0 ? Optional.empty() : Optional.of(child.substring(marker + LATCH_NODE_MARKER.length()));
    }

    /** The latch nodes, first in line (the leader) first, as Curator's latch orders them. */
    static List<String> inLine(List<String> children) {
        return children.stream()
                .filter(child -> sequence(child).isPresent())
                .sorted(Comparator.comparing(child -> sequence(child).orElseThrow()))
                .toList();
    }

    // --- runs on the watch's thread ---

    private Optional<String> firstParticipant(CuratorFramework zk, List<String> children) throws Exception {
        for (String child : inLine(children)) {
            try {
                byte[] id = zk.getData().forPath(ZKPaths.makePath(watch.path(), child));
                return Optional.of(new String(id == null ? new byte[0] : id, StandardCharsets.UTF_8));
            } catch (KeeperException.NoNodeException gone) {
                // Left since the listing (its children watch brings another read); the next in line leads.
            }
        }
        return Optional.empty();
    }

    private void update(Optional<String> next) {
        if (next.equals(leader)) {
            return;
        }
        leader = next;
        log.info("Leader at {}: {}", watch.path(), next.orElse("none"));
    }
}
