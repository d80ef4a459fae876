package io.mpaas.marathon.ha;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Leadership a test sets: whether this instance leads, who does, and how many looks pass before the leader
 * becomes known (an election in progress).
 */
final class SettableLeadership implements Leadership {

    private volatile boolean leading;
    private volatile Optional<String> leader = Optional.empty();
    private volatile String self = "standby.example:8080";
    private final AtomicInteger looksBeforeLeaderKnown = new AtomicInteger();
    final AtomicInteger looks = new AtomicInteger();

    void reset(String self) {
        this.self = self;
        leading = false;
        leader = Optional.empty();
        looksBeforeLeaderKnown.set(0);
        looks.set(0);
    }

    void lead() {
        leading = true;
        leader = Optional.of(self);
    }

    void follow(String leaderHostPort) {
        leading = false;
        leader = Optional.of(leaderHostPort);
    }

    /** The leader stays unknown for the next {@code looks} questions, then is {@code leaderHostPort}. */
    void electedAfter(int looks, String leaderHostPort) {
        follow(leaderHostPort);
        looksBeforeLeaderKnown.set(looks);
    }

    void noLeader() {
        leading = false;
        leader = Optional.empty();
    }

    @Override
    public boolean isLeader() {
        return leading;
    }

    @Override
    public Optional<String> leaderHostPort() {
        looks.incrementAndGet();
        return looksBeforeLeaderKnown.getAndDecrement() > 0 ? Optional.empty() : leader;
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public boolean abdicate() {
        boolean was = leading;
        leading = false;
        return was;
    }
}
