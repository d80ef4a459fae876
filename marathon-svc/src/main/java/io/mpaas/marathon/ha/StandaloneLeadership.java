package io.mpaas.marathon.ha;

import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * Leadership without ZooKeeper ({@code marathon.zk} unset, Marathon's {@code --disable_ha}): this instance always
 * leads. Its leader work starts once the web server is up (the last lifecycle phase) and stops first at shutdown.
 *
 * <p>Abdicating restarts the term: the work stops and starts again, which is what Marathon amounts to without HA
 * (the process exits and its supervisor starts it again, as the only candidate).
 */
final class StandaloneLeadership implements Leadership, SmartLifecycle {

    private final AdvertisedAddress address;
    private final LeaderTerm term;
    private volatile boolean running;

    StandaloneLeadership(AdvertisedAddress address, LeaderTerm term) {
        this.address = address;
        this.term = term;
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public Optional<String> leaderHostPort() {
        return Optional.of(self());
    }

    @Override
    public String self() {
        return address.hostPort();
    }

    /** Stops the leader work and starts it again, before returning. */
    @Override
    public synchronized boolean abdicate() {
        if (running) {
            term.end();
            term.begin();
        }
        return true;
    }

    @Override
    public synchronized void start() {
        term.begin();
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        term.end();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
