package io.mpaas.master.ha;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.ClusterListener;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.registry.RegistryMirror;
import io.mpaas.protocol.mesos.AgentId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Logs how far a new leader has come since its election: registry read, first agent back, first
 * framework subscribed, first offers sent, every expected agent back. One line each, with the
 * milliseconds since the election, so that a slow failover shows where its time went (the
 * failover benchmark reads these lines from the new leader's log).
 */
@Component
public class TermMilestones implements ClusterListener {

    private static final Logger log = LoggerFactory.getLogger(TermMilestones.class);

    /** How often progress is logged while agents re-register after an election. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    /** The milestones, in the order they usually come. */
    public enum Milestone {
        REGISTRY_READ("registry read"),
        FIRST_AGENT_BACK("first agent re-registered"),
        FRAMEWORK_SUBSCRIBED("first framework subscribed"),
        FIRST_OFFERS("first offers sent"),
        ALL_AGENTS_BACK("all expected agents re-registered");

        private final String text;

        Milestone(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Clock clock;
    private final Set<AgentId> back = new HashSet<>();
    private final Set<Milestone> reached = new HashSet<>();
    private Instant elected;
    private Instant lastProgress;
    private int expectedAgents = -1;

    public TermMilestones(Clock clock) {
        this.clock = clock;
    }

    /** A term began at {@code at}: milestones count from here. */
    synchronized void elected(Instant at) {
        elected = at;
        lastProgress = null;
        expectedAgents = -1;
        back.clear();
        reached.clear();
    }

    /**
     * The registry was read and applied: {@code expected} agents should come back.
     *
     * @param applying how long taking the registry's contents into the cluster model took
     */
    synchronized void registryRead(int expected, RegistryMirror.Refresh refresh, Duration applying) {
        expectedAgents = expected;
        reach(Milestone.REGISTRY_READ, String.format(Locale.ROOT,
                "%d agents expected back; %s %d of %d agents in %d ms%s; applied in %d ms", expected,
                refresh.full() ? "read all" : "re-read", refresh.agentsRead(), refresh.state().agents().size(),
                refresh.took().toMillis(), refresh.previous().map(this::copyAge).orElse(""), applying.toMillis()));
        if (expected == 0) {
            reach(Milestone.ALL_AGENTS_BACK, "");
        }
    }

    private String copyAge(Instant previous) {
        long ms = Duration.between(previous, elected).toMillis();
        // A refresh that ended after the election was under way when it came: the election waited for it.
        return ms >= 0 ? ", copy refreshed " + ms + " ms before the election"
                : ", after waiting for a standby refresh that ended at +" + (-ms) + " ms";
    }

    /** Offers were sent in this term. */
    synchronized void offersSent(int count) {
        if (count > 0) {
            reach(Milestone.FIRST_OFFERS, count + " offers");
        }
    }

    /** The term ended. */
    synchronized void ended() {
        elected = null;
        back.clear();
    }

    /** Whether {@code milestone} was reached in the current term. */
    public synchronized boolean reached(Milestone milestone) {
        return reached.contains(milestone);
    }

    @Override
    public synchronized void agentAdded(Agent agent) {
        if (elected == null || agent.reregisteredTime() == null) {
            return;
        }
        reach(Milestone.FIRST_AGENT_BACK, agent.id().value());
        if (!back.add(agent.id())) {
            return;
        }
        if (expectedAgents >= 0 && back.size() == expectedAgents) {
            reach(Milestone.ALL_AGENTS_BACK, back.size() + " agents");
        } else if (!reached.contains(Milestone.ALL_AGENTS_BACK)) {
            progress();
        }
    }

    /** At most one line per {@link #PROGRESS_EVERY} while agents come back (each one alone is DEBUG). */
    private void progress() {
        Instant now = clock.instant();
        if (lastProgress != null && now.isBefore(lastProgress.plus(PROGRESS_EVERY))) {
            return;
        }
        lastProgress = now;
        log.info("Failover progress: {} of {} expected agents re-registered at +{} ms", back.size(),
                expectedAgents < 0 ? "?" : expectedAgents, Duration.between(elected, now).toMillis());
    }

    @Override
    public void frameworkAdded(Framework framework) {
        frameworkUpdated(framework);
    }

    @Override
    public synchronized void frameworkUpdated(Framework framework) {
        if (elected != null && framework.status() == Framework.Status.ACTIVE) {
            reach(Milestone.FRAMEWORK_SUBSCRIBED, framework.id().value());
        }
    }

    private void reach(Milestone milestone, String detail) {
        if (elected == null || !reached.add(milestone)) {
            return;
        }
        long ms = Duration.between(elected, clock.instant()).toMillis();
        log.info("Failover milestone: {} at +{} ms{}", milestone.text(), ms, detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
