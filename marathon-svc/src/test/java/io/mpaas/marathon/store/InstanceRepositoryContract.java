package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import io.mpaas.protocol.mesos.Attribute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link InstanceRepository} must do, run against the in-memory store and the JDBC one. */
abstract class InstanceRepositoryContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");
    static final PathId WEB = PathId.of("/prod/web");

    /** A new, empty store. */
    abstract InstanceRepository repository();

    /** An instance with every field set. */
    static Instance running(String uuid) {
        String id = "prod_web.instance-" + uuid;
        return new Instance(id, WEB, T0, T0.minusSeconds(60), Goal.RUNNING, Condition.RUNNING, T0.plusSeconds(9), 2,
                id + "._app.2",
                new AgentInfo("agent-S1", "host-a", "eu-west", "eu-west-1a",
                        Attribute.parseAll("rack:r1;level:2.5;slots:[1-4];disks:{ssd,nvme}")),
                List.of(31001, 31002), List.of(10000, 10001), List.of("10.0.0.7", "fd00::7"),
                T0.plusSeconds(5), T0.plusSeconds(8), true,
                List.of(new HealthCheckResult(true, 0, "2026-03-01T10:00:12.000Z", "2026-03-01T10:00:42.000Z",
                                null, null, id),
                        new HealthCheckResult(false, 2, null, null, "2026-03-01T10:00:41.000Z",
                                "ConnectException: Connection refused", id)),
                T0.plusSeconds(30), "Task is running", "prod");
    }

    static List<Instance> scheduled(int count) {
        return IntStream.range(0, count).mapToObj(i -> Instance.scheduled(WEB, T0, T0.plusMillis(i))).toList();
    }

    @Test
    void savedInstancesComeBackWithEveryField() {
        InstanceRepository instances = repository();
        Instance full = running("0b6e4d6c-9f1e-4c1b-8a4d-2f1d7c3e9a01");
        Instance waiting = Instance.scheduled(PathId.of("/tools/cron"), T0, T0.plusSeconds(1));
        Instance killed = running("77f0c7a2-54f2-4c36-9c27-c0f7a30a0c55").withGoal(Goal.DECOMMISSIONED)
                .withStatus(Condition.KILLED, T0.plusSeconds(60), null, null, List.of(), null, "killed by a deployment");

        instances.saveAll(List.of(full, waiting, killed));

        assertThat(instances.all()).containsExactlyInAnyOrder(full, waiting, killed);
    }

    @Test
    void anInstanceWhoseAgentFactsAreUnknownComesBackSo() {
        InstanceRepository instances = repository();
        Instance scheduled = Instance.scheduled(WEB, T0, T0);
        Instance legacy = scheduled.provisioned(scheduled.instanceId() + "._app.1", 1,
                AgentInfo.withoutFacts("agent-S3", "host-c"), List.of(), List.of(), "*", T0);
        Instance bare = Instance.scheduled(WEB, T0, T0).provisioned("t", 1, AgentInfo.plain("agent-S4", "host-d"),
                List.of(), List.of(), "*", T0);

        instances.saveAll(List.of(legacy, bare));

        assertThat(instances.all()).containsExactlyInAnyOrder(legacy, bare);
        assertThat(instances.all()).filteredOn(i -> i.agentId().equals("agent-S3")).singleElement()
                .satisfies(i -> assertThat(i.agentInfo().factsKnown()).isFalse());
        assertThat(instances.all()).filteredOn(i -> i.agentId().equals("agent-S4")).singleElement()
                .satisfies(i -> assertThat(i.agentInfo().factsKnown()).isTrue());
    }

    @Test
    void savingAnInstanceAgainReplacesIt() {
        InstanceRepository instances = repository();
        Instance before = Instance.scheduled(WEB, T0, T0);
        instances.saveAll(List.of(before));
        Instance after = before.provisioned(before.instanceId() + "._app.1", 1, AgentInfo.plain("agent-S2", "host-b"),
                List.of(31005), List.of(10000), "*", T0.plusSeconds(1));

        instances.saveAll(List.of(after));

        assertThat(instances.all()).containsExactly(after);
    }

    @Test
    void theLastOfTwoSavesInOneBatchWins() {
        InstanceRepository instances = repository();
        Instance first = Instance.scheduled(WEB, T0, T0);
        Instance second = first.withGoal(Goal.DECOMMISSIONED);

        instances.saveAll(List.of(first, second));

        assertThat(instances.all()).containsExactly(second);
    }

    @Test
    void deletedInstancesAreForgottenAndUnknownIdsIgnored() {
        InstanceRepository instances = repository();
        List<Instance> three = scheduled(3);
        instances.saveAll(three);

        instances.deleteAll(List.of(three.get(0).instanceId(), "prod_web.instance-unknown"));
        instances.deleteAll(List.of());
        instances.saveAll(List.of());

        assertThat(instances.all()).containsExactlyInAnyOrder(three.get(1), three.get(2));
    }

    @Test
    void instantsAreKeptToTheMillisecond() {
        InstanceRepository instances = repository();
        Instance fine = Instance.scheduled(WEB, T0.plusNanos(1_234_567), T0.plusNanos(7_654_321));

        instances.saveAll(List.of(fine));

        Instance stored = instances.all().getFirst();
        assertThat(stored.runSpecVersion()).isEqualTo(T0.plusMillis(1));
        assertThat(stored.since()).isEqualTo(T0.plusMillis(7));
    }

    @Test
    void largeBatchesAreSavedAndDeleted() {
        InstanceRepository instances = repository();
        List<Instance> many = scheduled(2_500);
        instances.saveAll(many);
        List<Instance> launched = new ArrayList<>();
        for (Instance i : many.subList(0, 1_200)) {
            launched.add(i.provisioned(i.instanceId() + "._app.1", 1, AgentInfo.plain("agent-S1", "host-a"), List.of(),
                    List.of(), "*", T0.plusSeconds(1)));
        }
        instances.saveAll(launched);

        instances.deleteAll(many.subList(1_000, 2_200).stream().map(Instance::instanceId).toList());

        List<Instance> expected = new ArrayList<>(launched.subList(0, 1_000));
        expected.addAll(many.subList(2_200, 2_500));
        assertThat(instances.all()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
