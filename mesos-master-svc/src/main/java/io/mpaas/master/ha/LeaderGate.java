package io.mpaas.master.ha;

import io.mpaas.master.cluster.Cluster;
import io.mpaas.protocol.mesos.MasterInfo;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether this master answers a leader-only request itself: a standby sends the client
 * to the leader with a 307 and a protocol-relative Location (so http stays http and https stays
 * https), or answers 503 when no leader is known. A request that needs the registry and reaches a
 * leader still reading it waits for the read (up to {@link #RECOVERY_WAIT}, then 503): right after
 * an election frameworks and agents arrive within milliseconds, and a 503 would send them into a
 * retry delay several times longer than the read itself.
 */
@Component
public class LeaderGate {

    /** The outcome for one request. */
    public sealed interface Verdict {
    }

    /** This master serves the request. */
    public record Serve() implements Verdict {
    }

    /** Another master leads: redirect to {@code //hostPort + path}. */
    public record Redirect(String hostPort) implements Verdict {
        public String location(String path) {
            return "//" + hostPort + path;
        }
    }

    /** 503 with this message. */
    public record Unavailable(String message) implements Verdict {
    }

    /**
     * How long a request waits for a new leader to finish reading its registry. Reading only what
     * changed since the standby's last look takes milliseconds; a cold read of ten thousand agents
     * about a second. Clients that get a 503 after this retry by themselves.
     */
    static final Duration RECOVERY_WAIT = Duration.ofSeconds(2);

    private final Cluster cluster;
    private final LeaderLocator locator;

    public LeaderGate(Cluster cluster, LeaderLocator locator) {
        this.cluster = cluster;
        this.locator = locator;
    }

    /**
     * @param needsRecovery whether the request needs the registry recovered (scheduler and agent
     *     calls do; read-only state does not)
     */
    public Verdict check(boolean needsRecovery) {
        if (!cluster.isLeading()) {
            return elsewhere();
        }
        if (needsRecovery && !cluster.isRecovered() && !awaitRecovery()) {
            // Still reading after the wait, or the term ended meanwhile (then the client goes elsewhere).
            return cluster.isLeading() ? new Unavailable("Master has not finished recovery") : elsewhere();
        }
        return new Serve();
    }

    private Verdict elsewhere() {
        Optional<MasterInfo> leader = locator.leader();
        return leader.<Verdict>map(m -> new Redirect(m.hostPort())).orElse(new Unavailable("No leader elected"));
    }

    /**
     * Waits (up to {@link #RECOVERY_WAIT}) while this master leads but has not read its registry
     * yet; returns at once otherwise. For callers that should wait before they take a resource
     * that others need, rather than inside {@link #check}.
     */
    public void awaitRecoveryIfLeading() {
        if (cluster.isLeading() && !cluster.isRecovered()) {
            awaitRecovery();
        }
    }

    private boolean awaitRecovery() {
        try {
            return cluster.awaitRecovery(RECOVERY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The leader's {@code host:port}, if one is known (this master's own when it leads). */
    public Optional<String> leaderHostPort() {
        return locator.leader().map(MasterInfo::hostPort);
    }
}
