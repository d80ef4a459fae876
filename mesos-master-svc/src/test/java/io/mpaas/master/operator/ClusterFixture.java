package io.mpaas.master.operator;

import io.mpaas.master.MasterProperties;
import io.mpaas.master.agent.AgentLinkProperties;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.ha.MasterIdentity;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.security.SecurityProperties;
import io.mpaas.master.stream.EventStream;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.ReservationInfo;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.mock.env.MockEnvironment;

/**
 * Builds a cluster by hand for the operator tests: a leading master, agents with links, frameworks
 * with streams, tasks as immutable {@link MasterTask}s. Each test makes its own; nothing is shared.
 */
final class ClusterFixture {

    static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");
    static final Instant ELECTED = Instant.parse("2024-05-01T10:00:01.250Z");
    static final MasterInfo MASTER = MasterInfo.of("m1", "master.example", "10.0.0.1", 5050);

    final Clock clock = Clock.fixed(STARTED, ZoneOffset.UTC);
    final Cluster cluster = new Cluster();
    final MasterProperties masterProperties = new MasterProperties("master.example", "10.0.0.1",
            Path.of("/var/lib/mesos"), "test-cluster", 50, 1000);
    final StateReader reader = new StateReader(cluster, clock);
    private Optional<MasterInfo> leader = Optional.of(MASTER);

    ClusterFixture() {
        cluster.startTerm(MASTER, ELECTED);
        cluster.markRecovered();
    }

    /** This master as a standby that knows {@code other} as leader (empty: no leader known). */
    ClusterFixture standby(Optional<MasterInfo> other) {
        cluster.endTerm();
        leader = other;
        return this;
    }

    LeaderGate gate() {
        return new LeaderGate(cluster, () -> leader);
    }

    MasterFlags flags() {
        return new MasterFlags(masterProperties, new AllocationProperties(Duration.ofSeconds(1), Duration.ofSeconds(5),
                null, 500), new AgentLinkProperties(Duration.ofSeconds(15), 5, Duration.ofMinutes(10), 10000),
                new SecurityProperties(List.of(new SecurityProperties.Credential("ops", "s3cret")), null, null,
                        "{\"permissive\":true}"),
                new OperatorProperties(Duration.ofSeconds(5), 1000, 100000, 1 << 20),
                new MasterIdentity(masterProperties), new MockEnvironment()
                        .withProperty("mesos.master.zk", "zk://admin:hunter2@zk1:2181,zk2:2181/mesos")
                        .withProperty("spring.datasource.password", "dbsecret"));
    }

    StateRenderer renderer() {
        return new StateRenderer(new MasterBuild("1.11.0", null, null), "test-cluster");
    }

    Agent agent(String id, String hostname, String resources, String attributes) {
        AgentInfo info = new AgentInfo(hostname, 5051, canonical(resources),
                Attribute.parseAll(attributes), AgentId.of(id), null);
        Agent agent = new Agent(AgentId.of(id), info, Agent.Status.ACTIVE, STARTED.plusMillis(500));
        agent.ip("10.0.1." + (cluster.agents().size() + 1));
        agent.version("1.11.0");
        agent.capabilities(List.of("MULTI_ROLE"));
        agent.link(new EventStream<AgentEvent>("link-" + id, MesosJson::write, null, Duration.ofSeconds(15), 100));
        cluster.agents().put(agent.id(), agent);
        return agent;
    }

    Framework framework(String id, String name, List<String> roles, boolean partitionAware) {
        List<FrameworkInfo.Capability> capabilities = new ArrayList<>(List.of(
                new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.MULTI_ROLE)));
        if (partitionAware) {
            capabilities.add(new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.PARTITION_AWARE));
        }
        FrameworkInfo info = new FrameworkInfo("root", name, FrameworkId.of(id), 604800.0, true, null, roles, null,
                "marathon", "http://marathon:8080", capabilities, null, null);
        Framework framework = new Framework(FrameworkId.of(id), info, Framework.Status.ACTIVE, STARTED.plusSeconds(2));
        framework.stream(new EventStream<Event>("stream-" + id, MesosJson::write, null, Duration.ofSeconds(5), 100));
        cluster.frameworks().put(framework.id(), framework);
        return framework;
    }

    static Task task(String id, Framework framework, Agent agent, TaskState state, String resources,
            List<TaskStatus> statuses) {
        return new Task("task " + id, TaskId.of(id), framework.id(), null, agent.id(), state,
                canonical(resources), statuses, null, null, null, null, null, null, null, "root");
    }

    /**
     * Resources of Mesos's notation with the reservation as a stack only (no legacy {@code role}),
     * the form the master keeps them in, so that expected JSON does not depend on how they were written.
     */
    static List<Resource> canonical(String notation) {
        return Resources.parse(notation).toList().stream().map(r -> new Resource(r.name(), r.type(), r.scalar(),
                r.ranges(), r.set(), null, null, null, r.isUnreserved() ? null
                        : List.of(ReservationInfo.staticFor(r.reservationRole())), r.disk(), r.revocable(), r.shared(),
                r.providerId())).toList();
    }

    static TaskStatus status(String task, TaskState state, double timestamp) {
        return new TaskStatus(TaskId.of(task), state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, null, null,
                null, timestamp, null, null, null, null, null, null, null);
    }

    /** A task that is running (or staging...) on the agent, its resources in use. */
    MasterTask launch(Framework framework, Agent agent, Task task, String role) {
        MasterTask t = new MasterTask(task, role);
        framework.tasks().put(t.id(), t);
        agent.tasks().put(t.id(), t);
        if (!task.state().isTerminal()) {
            framework.addUsed(t.resources());
            agent.addUsed(t.resources());
        }
        return t;
    }

    MasterTask unreachable(Framework framework, Agent agent, Task task, String role) {
        MasterTask t = new MasterTask(task, role);
        framework.unreachableTasks().put(t.id(), t);
        agent.tasks().put(t.id(), t);
        return t;
    }

    MasterTask completed(Framework framework, Task task, String role) {
        MasterTask t = new MasterTask(task, role);
        framework.archive(t, 1000);
        return t;
    }

    OutstandingOffer offer(String id, Framework framework, Agent agent, String role, String resources) {
        OutstandingOffer offer = new OutstandingOffer(OfferId.of(id), framework.id(), agent.id(), role,
                Resources.parse(resources), STARTED.plusSeconds(3));
        cluster.offers().put(offer.id(), offer);
        framework.addOffer(offer);
        agent.addOffer(offer);
        return offer;
    }
}
