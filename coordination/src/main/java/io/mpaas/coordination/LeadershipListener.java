package io.mpaas.coordination;

/**
 * What a service does when it gains or loses leadership: leader-only loops (allocation, deployments, cron
 * ticks) start in {@link #onElected()} and stop in {@link #onRevoked()}, so exactly one process runs them.
 *
 * <p>The {@link LeaderElector} calls both on its own single thread, never on Curator's event thread, never
 * concurrently and always alternating: {@code onElected, onRevoked, onElected, ...}. Every {@code onElected}
 * is followed by an {@code onRevoked}, also when the elector is closed while leading and when
 * {@code onElected} itself threw. A callback may block, but a slow one delays the next transition; code that
 * must stop writing the instant leadership is lost checks {@link LeaderElector#isLeader()}, which turns false
 * before {@code onRevoked} runs.
 */
public interface LeadershipListener {

    /**
     * This process is now the leader and its MasterInfo is published. Throwing gives leadership up: the elector
     * calls {@link #onRevoked()}, withdraws and re-joins the election behind the other candidates.
     */
    void onElected();

    /** This process is no longer the leader (connection suspended, session lost, or closed): stop writing. */
    void onRevoked();
}
