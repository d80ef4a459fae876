package io.mpaas.marathon.fake;

import io.mpaas.marathon.ha.Leadership;
import java.util.Optional;

/** This instance leads until a test (or an abdication) says otherwise. */
public final class FakeLeadership implements Leadership {

    private volatile boolean leader = true;
    private volatile String leaderHostPort;
    private final String self;

    public FakeLeadership(String self) {
        this.self = self;
        this.leaderHostPort = self;
    }

    public void follow(String leader) {
        this.leader = false;
        this.leaderHostPort = leader;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public Optional<String> leaderHostPort() {
        return Optional.ofNullable(leaderHostPort);
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public boolean abdicate() {
        if (!leader) {
            return false;
        }
        leader = false;
        leaderHostPort = null;
        return true;
    }
}
