package io.mpaas.marathon.deployment;

import static io.mpaas.marathon.instance.Condition.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScaleDecisionTest {

    static final PathId APP_ID = PathId.of("/a");
    static final Instant VERSION = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant T0 = Instant.parse("2024-02-01T00:00:00Z");

    static final App APP = new App.Builder().id("/a").instances(3).build();

    /** The kill order of Marathon's docs, as classes of conditions; earlier classes are killed first. */
    static final List<Set<Condition>> KILL_CLASSES = List.of(
            EnumSet.of(UNREACHABLE),
            EnumSet.of(SCHEDULED, PROVISIONED, STAGING),
            EnumSet.of(STARTING),
            EnumSet.of(RUNNING),
            EnumSet.of(KILLING, FINISHED, FAILED, KILLED, ERROR, DROPPED, GONE, GONE_BY_OPERATOR,
                    Condition.UNKNOWN));

    /** An instance of /a in {@code condition}, staged and started at the given minutes after T0. */
    static Instance instance(Condition condition, String host, int staged, int started) {
        Instance scheduled = Instance.scheduled(APP_ID, VERSION, T0);
        if (condition == SCHEDULED) {
            return scheduled;
        }
        Instant stagedAt = T0.plusSeconds(60L * staged);
        return scheduled.provisioned(scheduled.instanceId() + "._app.1", 1, AgentInfo.plain("agent-" + host, host),
                List.of(), List.of(), null, stagedAt).withStatus(condition, stagedAt, condition == RUNNING
                        ? T0.plusSeconds(60L * started) : null, null, List.of(), null, null);
    }

    static Instance instance(Condition condition) {
        return instance(condition, "host-1", 0, 0);
    }

    static int killClass(Condition condition) {
        for (int i = 0; i < KILL_CLASSES.size(); i++) {
            if (KILL_CLASSES.get(i).contains(condition)) {
                return i;
            }
        }
        throw new IllegalArgumentException(condition.name());
    }

    static Stream<Arguments> conditionPairsInDifferentClasses() {
        List<Arguments> pairs = new ArrayList<>();
        for (Condition first : Condition.values()) {
            for (Condition second : Condition.values()) {
                if (first != UNREACHABLE_INACTIVE && second != UNREACHABLE_INACTIVE
                        && killClass(first) < killClass(second)) {
                    pairs.add(Arguments.of(first, second));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} is killed before {1}")
    @MethodSource("conditionPairsInDifferentClasses")
    void killOrderFollowsTheCondition(Condition first, Condition second) {
        Instance a = instance(first);
        Instance b = instance(second);

        assertThat(ScaleDecision.decide(APP, 1, List.of(b, a), List.of())).isEqualTo(new ScaleDecision(List.of(a), 0));
        assertThat(ScaleDecision.decide(APP, 1, List.of(a, b), List.of())).isEqualTo(new ScaleDecision(List.of(a), 0));
    }

    @Test
    void amongStagingTheLongestStagedGoesFirst() {
        Instance early = instance(STAGING, "h", 1, 0);
        Instance late = instance(STAGING, "h", 5, 0);

        assertThat(ScaleDecision.decide(APP, 1, List.of(late, early), List.of()).toKill()).containsExactly(early);
    }

    @Test
    void scheduledGoesBeforeStaging() {
        Instance staging = instance(STAGING, "h", 1, 0);
        Instance scheduled = instance(SCHEDULED);

        assertThat(ScaleDecision.decide(APP, 1, List.of(staging, scheduled), List.of()).toKill())
                .containsExactly(scheduled);
    }

    @Test
    void amongRunningTheYoungestGoesFirstByDefault() {
        Instance old = instance(RUNNING, "h", 0, 1);
        Instance young = instance(RUNNING, "h", 0, 9);
        Instance middle = instance(RUNNING, "h", 0, 5);

        assertThat(ScaleDecision.decide(APP, 1, List.of(old, young, middle), List.of()).toKill())
                .containsExactly(young, middle);
    }

    @Test
    void amongRunningTheOldestGoesFirstWhenTheAppSaysSo() {
        App app = APP.toBuilder().killSelection("OLDEST_FIRST").build();
        Instance old = instance(RUNNING, "h", 0, 1);
        Instance young = instance(RUNNING, "h", 0, 9);
        Instance middle = instance(RUNNING, "h", 0, 5);

        assertThat(ScaleDecision.decide(app, 1, List.of(young, old, middle), List.of()).toKill())
                .containsExactly(old, middle);
    }

    @Test
    void sentencedGoFirstWhateverTheirCondition() {
        Instance running = instance(RUNNING);
        Instance staging = instance(STAGING);
        Instance unreachable = instance(UNREACHABLE);

        assertThat(ScaleDecision.decide(APP, 1, List.of(unreachable, staging, running),
                List.of(running.instanceId())).toKill()).containsExactly(running, unreachable);
    }

    @Test
    void sentencedInstancesThatAreNotSurplusAreReplaced() {
        Instance a = instance(RUNNING);
        Instance b = instance(RUNNING);

        assertThat(ScaleDecision.decide(APP, 2, List.of(a, b), List.of(b.instanceId())))
                .isEqualTo(new ScaleDecision(List.of(b), 1));
    }

    @Test
    void sentencedIdsThatAreUnknownOrDecommissionedAreIgnored() {
        Instance a = instance(RUNNING);
        Instance gone = instance(KILLING).withGoal(Goal.DECOMMISSIONED);

        assertThat(ScaleDecision.decide(APP, 1, List.of(a, gone), List.of("nope", gone.instanceId())))
                .isEqualTo(new ScaleDecision(List.of(), 0));
    }

    @Test
    void scaleUpStartsTheDifference() {
        assertThat(ScaleDecision.decide(APP, 5, List.of(instance(RUNNING), instance(STAGING)), List.of()))
                .isEqualTo(new ScaleDecision(List.of(), 3));
    }

    @Test
    void unreachableInactiveInstancesDoNotCountAndAreReplaced() {
        Instance inactive = instance(UNREACHABLE_INACTIVE);

        assertThat(ScaleDecision.decide(APP, 2, List.of(instance(RUNNING), inactive), List.of()))
                .isEqualTo(new ScaleDecision(List.of(), 1));
    }

    @Test
    void decommissionedInstancesDoNotCount() {
        Instance killing = instance(KILLING).withGoal(Goal.DECOMMISSIONED);

        assertThat(ScaleDecision.decide(APP, 1, List.of(instance(RUNNING), killing), List.of()))
                .isEqualTo(new ScaleDecision(List.of(), 0));
    }

    @Test
    void scaleToZeroKillsEverything() {
        Instance a = instance(RUNNING, "h", 0, 1);
        Instance b = instance(STARTING);

        assertThat(ScaleDecision.decide(APP, 0, List.of(a, b), List.of()))
                .isEqualTo(new ScaleDecision(List.of(b, a), 0));
    }

    @Test
    void decidingAgainAfterTheDecisionWasCarriedOutGivesNothing() {
        List<Instance> instances = new ArrayList<>(List.of(instance(RUNNING), instance(RUNNING), instance(STAGING)));
        String sentenced = instances.getFirst().instanceId();
        ScaleDecision first = ScaleDecision.decide(APP, 2, instances, List.of(sentenced));
        instances.replaceAll(i -> first.toKill().contains(i) ? i.withGoal(Goal.DECOMMISSIONED) : i);
        for (int i = 0; i < first.toStart(); i++) {
            instances.add(Instance.scheduled(APP_ID, VERSION, T0));
        }

        assertThat(ScaleDecision.decide(APP, 2, instances, List.of(sentenced)).isEmpty()).isTrue();
    }

    @Test
    void groupByHostnameKillsFromTheMostCrowdedHost() {
        App app = APP.toBuilder().constraints(List.of(List.of("hostname", "GROUP_BY"))).build();
        Instance a1 = instance(RUNNING, "a", 0, 1);
        Instance a2 = instance(RUNNING, "a", 0, 2);
        Instance a3 = instance(RUNNING, "a", 0, 3);
        Instance b1 = instance(RUNNING, "b", 0, 9); // the youngest, which kill order alone would take

        assertThat(ScaleDecision.decide(app, 2, List.of(a1, a2, a3, b1), List.of()).toKill())
                .containsExactly(a3, a2);
    }

    @Test
    void groupByHostnameSpreadsKillsOverBalancedHosts() {
        App app = APP.toBuilder().constraints(List.of(List.of("hostname", "group_by"))).build();
        Instance a1 = instance(RUNNING, "a", 0, 1);
        Instance a2 = instance(RUNNING, "a", 0, 8);
        Instance b1 = instance(RUNNING, "b", 0, 2);
        Instance b2 = instance(RUNNING, "b", 0, 9);

        assertThat(ScaleDecision.decide(app, 2, List.of(a1, a2, b1, b2), List.of()).toKill())
                .containsExactly(b2, a2);
    }

    @Test
    void uniqueHostnameKillsDoublesFirst() {
        App app = APP.toBuilder().constraints(List.of(List.of("@hostname", "UNIQUE"))).build();
        Instance a1 = instance(RUNNING, "a", 0, 1);
        Instance a2 = instance(RUNNING, "a", 0, 2);
        Instance b1 = instance(STAGING, "b", 0, 0);
        Instance c1 = instance(RUNNING, "c", 0, 9);

        assertThat(ScaleDecision.decide(app, 3, List.of(a1, a2, b1, c1), List.of()).toKill()).containsExactly(a2);
    }

    @Test
    void maxPerHostnameKillsFromHostsOverTheLimit() {
        App app = APP.toBuilder().constraints(List.of(List.of("hostname", "MAX_PER", "2"))).build();
        Instance a1 = instance(RUNNING, "a", 0, 1);
        Instance a2 = instance(RUNNING, "a", 0, 2);
        Instance a3 = instance(RUNNING, "a", 0, 3);
        Instance b1 = instance(RUNNING, "b", 0, 9);

        assertThat(ScaleDecision.decide(app, 3, List.of(a1, a2, a3, b1), List.of()).toKill()).containsExactly(a3);
    }

    @Test
    void sentencedComeBeforeBalancing() {
        App app = APP.toBuilder().constraints(List.of(List.of("hostname", "GROUP_BY"))).build();
        Instance a1 = instance(RUNNING, "a", 0, 1);
        Instance a2 = instance(RUNNING, "a", 0, 2);
        Instance b1 = instance(RUNNING, "b", 0, 9);

        assertThat(ScaleDecision.decide(app, 1, List.of(a1, a2, b1), List.of(b1.instanceId())).toKill())
                .containsExactly(b1, a2);
    }

    @Test
    void constraintsOnAttributesDoNotChangeTheOrder() {
        App app = APP.toBuilder().constraints(List.of(List.of("rack", "GROUP_BY"))).build();
        Instance a1 = instance(RUNNING, "a", 0, 1);
        Instance a2 = instance(RUNNING, "a", 0, 2);
        Instance b1 = instance(RUNNING, "b", 0, 9);

        assertThat(ScaleDecision.decide(app, 2, List.of(a1, a2, b1), List.of()).toKill()).containsExactly(b1);
    }

    @Test
    void withoutConstraintsKillOrderAloneDecides() {
        Instance a1 = instance(RUNNING, "a", 0, 1);
        Instance a2 = instance(RUNNING, "a", 0, 2);
        Instance b1 = instance(RUNNING, "b", 0, 9);

        assertThat(ScaleDecision.decide(APP, 2, List.of(a1, a2, b1), List.of()).toKill()).containsExactly(b1);
    }
}
