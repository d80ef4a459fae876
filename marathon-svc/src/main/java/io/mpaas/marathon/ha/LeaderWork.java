package io.mpaas.marathon.ha;

/**
 * Work that runs only while this instance leads: the framework subscription, deployments, health checks. Beans of
 * this type are started in their {@link org.springframework.core.annotation.Order order} when this instance is
 * elected and stopped in the reverse order when it loses leadership, so a loop can rely on whatever an earlier one
 * started (deployments on the subscription, say) for its whole life.
 *
 * <p>Both callbacks run on one thread, never concurrently, strictly alternating. They should start or stop
 * threads and return, not wait for Mesos: until {@link #onElected()} of every bean has returned, a revocation that
 * arrives meanwhile waits. {@link Leadership#isLeader()} is already true during {@code onElected} and turns false
 * the moment leadership is lost, before {@code onRevoked} runs; code that writes (to Mesos, to the store) checks it
 * before each write.
 */
public interface LeaderWork {

    /**
     * This instance now leads: start. Throwing gives leadership up: the work already started is stopped (in
     * reverse) and this instance re-joins the election behind the others.
     */
    void onElected();

    /** This instance no longer leads (lost, abdicated, shutting down): stop at once. Exceptions are logged. */
    void onRevoked();
}
