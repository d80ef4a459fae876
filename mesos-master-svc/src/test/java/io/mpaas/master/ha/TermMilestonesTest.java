package io.mpaas.master.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.registry.InMemoryRegistry;
import io.mpaas.master.registry.RegistryMirror;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.testkit.time.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which events of a term count as its milestones, once each per term. */
class TermMilestonesTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final TermMilestones milestones = new TermMilestones(clock);
    private final RegistryMirror.Refresh refresh = new RegistryMirror(new InMemoryRegistry(), clock).refresh();

    private Agent reregistered(String id) {
        Agent agent = new Agent(AgentId.of(id), new AgentInfo("host-" + id, 5051,
                Resources.parse("cpus:1;mem:128").toList(), List.of(), AgentId.of(id), null), Agent.Status.ACTIVE,
                clock.instant());
        agent.reregisteredTime(clock.instant());
        return agent;
    }

    private Framework framework(Framework.Status status) {
        FrameworkInfo info = new FrameworkInfo("root", "f", FrameworkId.of("f-1"), 60.0, true, null, List.of("r"),
                null, null, null, List.of(), null, null);
        return new Framework(FrameworkId.of("f-1"), info, status, clock.instant());
    }

    @Test
    void eachMilestoneIsReachedOncePerTerm() {
        milestones.elected(clock.instant());
        milestones.registryRead(2, refresh, Duration.ZERO);
        assertThat(milestones.reached(TermMilestones.Milestone.REGISTRY_READ)).isTrue();

        clock.advance(Duration.ofMillis(300));
        milestones.agentAdded(reregistered("a"));
        milestones.agentAdded(reregistered("a"));
        assertThat(milestones.reached(TermMilestones.Milestone.FIRST_AGENT_BACK)).isTrue();
        assertThat(milestones.reached(TermMilestones.Milestone.ALL_AGENTS_BACK)).isFalse();

        // A framework known only from an agent's report has not subscribed yet.
        milestones.frameworkAdded(framework(Framework.Status.RECOVERED));
        assertThat(milestones.reached(TermMilestones.Milestone.FRAMEWORK_SUBSCRIBED)).isFalse();
        milestones.frameworkUpdated(framework(Framework.Status.ACTIVE));
        assertThat(milestones.reached(TermMilestones.Milestone.FRAMEWORK_SUBSCRIBED)).isTrue();

        milestones.offersSent(0);
        assertThat(milestones.reached(TermMilestones.Milestone.FIRST_OFFERS)).isFalse();
        milestones.offersSent(3);
        assertThat(milestones.reached(TermMilestones.Milestone.FIRST_OFFERS)).isTrue();

        milestones.agentAdded(reregistered("b"));
        assertThat(milestones.reached(TermMilestones.Milestone.ALL_AGENTS_BACK)).isTrue();

        // A new term starts from nothing.
        milestones.ended();
        milestones.elected(clock.instant());
        assertThat(milestones.reached(TermMilestones.Milestone.FIRST_OFFERS)).isFalse();
        assertThat(milestones.reached(TermMilestones.Milestone.REGISTRY_READ)).isFalse();
    }

    @Test
    void newlyRegisteredAgentsAndEventsOutsideATermDoNotCount() {
        Agent fresh = reregistered("new");
        fresh.reregisteredTime(null);
        milestones.agentAdded(reregistered("before-any-term"));
        milestones.elected(clock.instant());
        milestones.agentAdded(fresh);
        assertThat(milestones.reached(TermMilestones.Milestone.FIRST_AGENT_BACK)).isFalse();
    }

    @Test
    void aRegistryWithoutAgentsHasAllOfThemBackAtOnce() {
        milestones.elected(clock.instant());
        milestones.registryRead(0, refresh, Duration.ZERO);
        assertThat(milestones.reached(TermMilestones.Milestone.ALL_AGENTS_BACK)).isTrue();
    }
}
