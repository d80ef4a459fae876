package io.mpaas.master.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the master watches its agents ({@code mesos.master.agents.*}).
 *
 * @param pingInterval a PING goes to every linked agent this often (Mesos: 15 s)
 * @param maxMissedPings after this many unanswered pings in a row the agent is unreachable (Mesos: 5,
 *     so 75 s). Long enough to ride out a ZooKeeper session timeout and a GC pause, short enough
 *     that frameworks replace lost tasks within minutes.
 * @param reregisterTimeout after a failover, how long the new leader waits for the agents of its
 *     registry to re-register before it treats the missing ones as unreachable (Mesos: 10 min)
 * @param linkQueueCapacity events queued for one agent beyond which its link is taken as stuck and dropped at once
 *     (the queued events are discarded; the agent counts as disconnected and re-registers when it can)
 */
@ConfigurationProperties("mesos.master.agents")
public record AgentLinkProperties(
        @DefaultValue("15s") Duration pingInterval,
        @DefaultValue("5") int maxMissedPings,
        @DefaultValue("10m") Duration reregisterTimeout,
        @DefaultValue("10000") int linkQueueCapacity) {

    /** The silence after which an agent is unreachable. */
    public Duration unreachableAfter() {
        return pingInterval.multipliedBy(maxMissedPings);
    }
}
