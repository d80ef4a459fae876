package io.mpaas.coordination;

import java.io.Closeable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.utils.PathUtils;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this master in the leader election on its ZooKeeper group path and, while it leads, publishes its
 * MasterInfo where Mesos tools look for the leader.
 *
 * <p>The election is Curator's {@link LeaderLatch}, under {@code <path>/leader-latch} so its nodes never
 * confuse Mesos's detectors. Only the elected leader writes a {@code json.info_<seq>} node into
 * {@code <path>} (ephemeral, sequential, in the same session, right after election) and deletes every other
 * one, so the lowest {@code json.info_} node, which is what Mesos agents, schedulers, Marathon, mesos-dns
 * and mesos-go read, always names the current leader.
 *
 * <p>Ordering and threads. All transitions and all {@link LeadershipListener} callbacks run on one thread of
 * this elector, in the order the latch reported them; Curator's threads only enqueue. On election: publish
 * the node, then {@code onElected()}; a leader that cannot advertise itself never acts, and one that can is
 * found by clients as soon as it may answer them. On revocation: {@link #isLeader()} is false at once (it reads
 * the latch), the node is withdrawn without waiting, then {@code onRevoked()} runs; clients stop being sent
 * to a master that is stopping, however long its {@code onRevoked()} takes.
 *
 * <p>Connection trouble. The client must use Curator's standard connection-state error policy (see
 * {@link CuratorClientFactory}): leadership is revoked on {@code SUSPENDED}, well before the server would let
 * another candidate win, and on {@code LOST}. After the connection comes back the latch re-checks and, if this
 * process is still or again first in line, it is elected again and publishes a fresh node.
 *
 * <p>Deposed without noticing. Every write to the group is fenced on our latch node (see
 * {@link MasterInfoPublisher}), and while leading the elector watches that node: if it is deleted while the
 * session lives, leadership is revoked as if the latch had lost it.
 *
 * <p>Failures. If the node cannot be published, or {@code onElected()} throws, this process gives leadership
 * up: it closes its latch (letting the next candidate win) and re-joins at the back after
 * {@link #DEFAULT_REJOIN_DELAY}. An exception from {@code onRevoked()} is logged; the node is already
 * withdrawn.
 *
 * <p>Without MasterInfo. Services that are not Mesos masters (Marathon) are found through the latch itself: their
 * standbys read the participant id of the lowest latch node ({@link LatchLeaderDetector}). For them
 * {@link #onLatch} runs the same election at a latch path of their choosing and publishes nothing; everything
 * else above (one thread, ordering, the watch on our own node, re-joining) is the same.
 *
 * <p>Abdication. {@link #abdicate()} steps down on request: the term ends as on a revocation and the latch is
 * closed so the next candidate wins at once; this process re-joins behind it after the re-join delay.
 */
public final class LeaderElector implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

    /**
     * Pause before re-joining after a failed term (node not published, {@code onElected()} threw). Gives the
     * other candidates the first turn and keeps a lone candidate with a persistent fault from spinning.
     */
    static final Duration DEFAULT_REJOIN_DELAY = Duration.ofSeconds(1);

    /**
     * How long {@link #close()} waits for a running callback and the final {@code onRevoked()}. Bounded so a
     * stuck listener cannot hang shutdown; leadership itself is released regardless, with the session.
     */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Where this elector stands; changed only on the elector's thread. */
    enum Phase {
        /** Constructed, not started. Next: CANDIDATE. */
        LATENT,
        /** In the election, not leading (waiting, or between terms). Next: LEADING, CLOSED. */
        CANDIDATE,
        /** Elected, node published, {@code onElected()} called. Next: CANDIDATE (revoked), CLOSED. */
        LEADING,
        /** Out of the election for good; after {@code onRevoked()} if it was leading. Final. */
        CLOSED
    }

    private final CuratorFramework client;
    private final String latchPath;
    private final String candidateId;
    /** What to publish per term; null for an election {@link #onLatch on a bare latch}. */
    private final Supplier<MasterInfo> masterInfo;
    private final LeadershipListener listener;
    private final Duration rejoinDelay;
    /** Null for an election on a bare latch: nothing is published. */
    private final MasterInfoPublisher publisher;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    private volatile Thread worker;
    private volatile Phase phase = Phase.LATENT;
    private volatile LeaderLatch latch;
    private volatile String publishedNode;
    /** The latch whose term {@link #abdicate()} is ending: not leading any more, even before the thread gets to it. */
    private volatile LeaderLatch abdicated;

    /**
     * @param client      a client from {@link CuratorClientFactory} (standard error policy); not closed by this
     * @param groupPath   the Mesos group path, e.g. {@code /mesos} from {@code zk://.../mesos}
     * @param candidateId this candidate's id in the latch (shown by Curator's participant queries), e.g. host:port
     * @param masterInfo  what to publish, asked once per term so a new term may carry a new id
     * @param listener    started and stopped with leadership
     */
    public LeaderElector(CuratorFramework client, String groupPath, String candidateId,
                         Supplier<MasterInfo> masterInfo, LeadershipListener listener) {
        this(client, groupPath, candidateId, masterInfo, listener, DEFAULT_REJOIN_DELAY);
    }

    LeaderElector(CuratorFramework client, String groupPath, String candidateId, Supplier<MasterInfo> masterInfo,
                  LeadershipListener listener, Duration rejoinDelay) {
        this(client, MesosZkLayout.latchPath(PathUtils.validatePath(groupPath)), candidateId,
                Objects.requireNonNull(masterInfo, "masterInfo"), new MasterInfoPublisher(client, groupPath), listener,
                rejoinDelay);
    }

    private LeaderElector(CuratorFramework client, String latchPath, String candidateId,
                          Supplier<MasterInfo> masterInfo, MasterInfoPublisher publisher, LeadershipListener listener,
                          Duration rejoinDelay) {
        this.client = Objects.requireNonNull(client, "client");
        PathUtils.validatePath(latchPath);
        if (!client.getConnectionStateErrorPolicy().isErrorState(ConnectionState.SUSPENDED)) {
            throw new IllegalArgumentException("the client's connection-state error policy must treat SUSPENDED as "
                    + "an error (StandardConnectionStateErrorPolicy), or a disconnected leader would keep leading");
        }
        this.latchPath = latchPath;
        this.candidateId = Objects.requireNonNull(candidateId, "candidateId");
        this.masterInfo = masterInfo;
        this.publisher = publisher;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.rejoinDelay = Objects.requireNonNull(rejoinDelay, "rejoinDelay");
        ThreadFactory named = Thread.ofPlatform().daemon().name("leader-elector-" + candidateId).factory();
        this.thread = new ScheduledThreadPoolExecutor(1, task -> worker = named.newThread(task));
        // Latch events that arrive after close() has shut the thread down are moot: close handles the end.
        this.thread.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * An election on a bare Curator latch at exactly {@code latchPath} that publishes nothing, for services found
     * through the latch's participants rather than through Mesos's {@code json.info_} nodes (Marathon's
     * {@code <zk path>/leader-curator}, with {@code host:port} as the participant id).
     *
     * @param client      a client from {@link CuratorClientFactory} (standard error policy); not closed by this
     * @param latchPath   the latch's parent node, e.g. {@code /marathon/leader-curator}
     * @param candidateId this candidate's participant id, which {@link LatchLeaderDetector} reports while it leads
     * @param listener    started and stopped with leadership
     */
    public static LeaderElector onLatch(CuratorFramework client, String latchPath, String candidateId,
                                        LeadershipListener listener) {
        return onLatch(client, latchPath, candidateId, listener, DEFAULT_REJOIN_DELAY);
    }

    static LeaderElector onLatch(CuratorFramework client, String latchPath, String candidateId,
                                 LeadershipListener listener, Duration rejoinDelay) {
        return new LeaderElector(client, latchPath, candidateId, null, null, listener, rejoinDelay);
    }

    /** Joins the election. Returns at once; the latch waits for the connection by itself. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        thread.execute(this::joinElection);
    }

    /**
     * Whether this process leads right now. False from the moment the latch loses leadership (on Curator's
     * thread, before {@code onRevoked()} is even queued), so leader-only code checks it before every write.
     */
    public boolean isLeader() {
        LeaderLatch current = latch;
        return phase == Phase.LEADING && !closing.get() && current != null && current != abdicated
                && current.hasLeadership();
    }

    /**
     * Steps down if this process leads: {@link #isLeader()} turns false at once; then, on the elector's thread,
     * the node is withdrawn, {@code onRevoked()} runs and the latch is closed, so the next candidate is elected
     * immediately; this process re-joins behind it after the re-join delay (alone, it is elected again then).
     * Returns without waiting for any of that, so a listener callback or a request thread may call it.
     *
     * @return whether this process was leading (false: nothing to give up)
     */
    public boolean abdicate() {
        LeaderLatch current = latch;
        if (!isLeader()) {
            return false;
        }
        abdicated = current;
        thread.execute(() -> stepDown(current));
        return true;
    }

    /** The full path of our {@code json.info_} node while leading. */
    Optional<String> publishedNode() {
        return Optional.ofNullable(publishedNode);
    }

    Phase phase() {
        return phase;
    }

    /**
     * Leaves the election. If leading: {@link #isLeader()} turns false at once, the node is withdrawn,
     * {@code onRevoked()} runs, and then the latch node goes, so the next candidate is elected immediately
     * rather than after a session timeout. Waits up to {@link #CLOSE_TIMEOUT} for that, except when called from
     * a listener callback, where it only schedules it. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        thread.execute(this::leave);
        thread.shutdown();
        if (Thread.currentThread() == worker) {
            return;
        }
        try {
            if (!thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Leader elector {} did not finish closing within {}; a listener callback is stuck",
                        candidateId, CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- everything below runs on the elector's thread ---

    private void joinElection() {
        if (closing.get()) {
            return;
        }
        LeaderLatch candidate = new LeaderLatch(client, latchPath, candidateId);
        candidate.addListener(new LatchEvents(candidate), thread);
        latch = candidate;
        phase = Phase.CANDIDATE;
        try {
            candidate.start();
        } catch (Exception e) {
            // LeaderLatch.start only fails on a second start; a fresh latch never does.
            throw new IllegalStateException("could not start the leader latch", e);
        }
        log.info("Candidate {} joined the election at {}", candidateId, latchPath);
    }

    private void elected(LeaderLatch source) {
        if (source != latch || phase != Phase.CANDIDATE || closing.get() || !source.hasLeadership()) {
            return; // stale event of an earlier latch, or already lost again: a revocation event follows
        }
        String latchNode = source.getOurPath();
        if (latchNode == null) {
            return;
        }
        String node = null;
        if (publisher != null) {
            try {
                MasterInfo info = Objects.requireNonNull(masterInfo.get(), "the MasterInfo supplier returned null");
                node = publisher.publish(latchNode, MesosJson.write(info));
            } catch (MasterInfoPublisher.LeadershipLostException e) {
                log.warn("Candidate {} lost leadership while publishing: {}", candidateId, e.getMessage());
                if (source.hasLeadership()) {
                    rejoin(); // the latch has not noticed that its node is gone; it would never be elected again
                }
                return;
            } catch (Exception e) {
                log.error("Candidate {} was elected but could not publish its MasterInfo; giving leadership up",
                        candidateId, e);
                rejoin();
                return;
            }
        }
        if (!source.hasLeadership() || closing.get()) {
            withdraw(node); // lost while publishing, or closing: never act on this term
            return;
        }
        if (!watchLatchNode(source, latchNode)) {
            log.warn("Candidate {} lost its latch node right after publishing; giving leadership up", candidateId);
            withdraw(node);
            rejoin();
            return;
        }
        publishedNode = node;
        phase = Phase.LEADING;
        log.info("Candidate {} is the leader, published {}", candidateId, node);
        try {
            listener.onElected();
        } catch (RuntimeException e) {
            log.error("onElected of {} failed; giving leadership up", candidateId, e);
            revoke();
            rejoin();
        }
    }

    /**
     * Curator's latch watches only its predecessor, never its own node, so a leader whose node is deleted while
     * its session lives (by an operator, say) would lead on beside the next one. This watch closes that gap.
     *
     * @return false if the node is already gone
     */
    private boolean watchLatchNode(LeaderLatch source, String latchNode) {
        CuratorWatcher onDeleted = event -> {
            if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
                thread.execute(() -> latchNodeDeleted(source));
            }
        };
        try {
            return client.checkExists().usingWatcher(onDeleted).forPath(latchNode) != null;
        } catch (Exception e) {
            log.warn("Could not watch the latch node of {}: {}", candidateId, e.toString());
            return false;
        }
    }

    private void latchNodeDeleted(LeaderLatch source) {
        if (source != latch || phase != Phase.LEADING) {
            return; // closed, recycled or already revoked: the deletion was ours
        }
        log.warn("The latch node of leader {} was deleted under it; giving leadership up", candidateId);
        revoke();
        rejoin();
    }

    private void revoked(LeaderLatch source) {
        if (source != latch || phase != Phase.LEADING) {
            return;
        }
        log.warn("Candidate {} lost leadership", candidateId);
        revoke();
    }

    /** Withdraw first, then tell the listener (see the class comment for why). */
    private void revoke() {
        phase = Phase.CANDIDATE;
        String node = publishedNode;
        publishedNode = null;
        withdraw(node);
        try {
            listener.onRevoked();
        } catch (RuntimeException e) {
            log.error("onRevoked of {} failed", candidateId, e);
        }
    }

    private void withdraw(String node) {
        if (publisher != null) {
            publisher.withdraw(node);
        }
    }

    private void stepDown(LeaderLatch source) {
        if (source != latch || phase != Phase.LEADING) {
            return; // revoked or closed meanwhile: that already ended the term
        }
        log.info("Candidate {} abdicates", candidateId);
        revoke();
        rejoin();
    }

    /** Steps out of this term: the latch goes (the next candidate wins), a fresh one joins after the delay. */
    private void rejoin() {
        closeLatch();
        thread.schedule(this::joinElection, rejoinDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void leave() {
        if (phase == Phase.LEADING) {
            revoke();
        }
        closeLatch();
        phase = Phase.CLOSED;
        log.info("Candidate {} left the election", candidateId);
    }

    private void closeLatch() {
        LeaderLatch current = latch;
        latch = null;
        if (current != null && current.getState() == LeaderLatch.State.STARTED) {
            try {
                current.close();
            } catch (Exception e) {
                // The node delete is guaranteed (retried in the background); the session's end removes it anyway.
                log.warn("Closing the leader latch of {} failed: {}", candidateId, e.toString());
            }
        }
    }

    /** Adapts one latch's callbacks to this elector, remembering which latch spoke so stale events are dropped. */
    private final class LatchEvents implements LeaderLatchListener {

        private final LeaderLatch source;

        LatchEvents(LeaderLatch source) {
            this.source = source;
        }

        @Override
        public void isLeader() {
            elected(source);
        }

        @Override
        public void notLeader() {
            revoked(source);
        }
    }
}
