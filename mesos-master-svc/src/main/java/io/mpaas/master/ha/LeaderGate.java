package io.mpaas.master.ha;

import io.mpaas.master.cluster.Cluster;
import io.mpaas.protocol.mesos.MasterInfo;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether this master answers a leader-only request itself: a standby sends the client
 * to the leader with a 307 and a protocol-relative Location (so http stays http and https stays
 * https), or answers 503 when no leader is known; a leader still reading its registry answers 503.
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
        boolean leading = cluster.isLeading();
        if (!leading) {
            Optional<MasterInfo> leader = locator.leader();
            return leader.<Verdict>map(m -> new Redirect(m.hostPort()))
                    .orElse(new Unavailable("No leader elected"));
        }
        if (needsRecovery && !cluster.isRecovered()) {
            return new Unavailable("Master has not finished recovery");
        }
        return new Serve();
    }

    /** The leader's {@code host:port}, if one is known (this master's own when it leads). */
    public Optional<String> leaderHostPort() {
        return locator.leader().map(MasterInfo::hostPort);
    }
}
