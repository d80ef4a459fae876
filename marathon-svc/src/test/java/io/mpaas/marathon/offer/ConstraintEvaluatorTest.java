package io.mpaas.marathon.offer;

import static io.mpaas.marathon.offer.Fixtures.NOW;
import static io.mpaas.marathon.offer.Fixtures.app;
import static io.mpaas.marathon.offer.Fixtures.offer;
import static io.mpaas.marathon.offer.Fixtures.running;
import static io.mpaas.marathon.offer.Fixtures.runningOn;
import static io.mpaas.marathon.offer.Fixtures.storedWithoutFacts;
import static io.mpaas.marathon.offer.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.DomainInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.ValueSet;
import io.mpaas.protocol.mesos.ValueType;
import io.mpaas.testkit.time.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstraintEvaluatorTest {

    private static final String FREE = "cpus:8;mem:8192;ports:[31000-31099]";

    private final AgentAttributes agents = new AgentAttributes();
    private final ConstraintEvaluator evaluator = new ConstraintEvaluator(agents);

    /** An offer from {@code agent} that is also remembered, as the matcher does with every offer. */
    private Offer seen(String agent, String host, String attributes) {
        Offer offer = offer(agent, host, FREE, attributes);
        agents.remember(offer);
        return offer;
    }

    private static App constrained(String... constraint) {
        return app("/web").constraints(List.of(List.of(constraint))).build();
    }

    @Test
    void uniqueHostnameAllowsOneInstancePerHost() {
        App app = constrained("hostname", "UNIQUE");
        List<Instance> placed = List.of(running("/web", "a1", "host-1"));

        assertThat(evaluator.accepts(app, seen("a1", "host-1", ""), placed)).isFalse();
        assertThat(evaluator.accepts(app, seen("a2", "host-2", ""), placed)).isTrue();
    }

    @Test
    void atHostnameIsTheHostname() {
        App app = constrained("@hostname", "UNIQUE");

        assertThat(evaluator.accepts(app, seen("a1", "host-1", ""), List.of(running("/web", "a1", "host-1"))))
                .isFalse();
    }

    @Test
    void uniqueAttributeCountsTheFactsRecordedOnPlacedInstances() {
        App app = constrained("rack", "UNIQUE");
        // Launched on a1 (rack r1), which has not offered to this evaluator: as after a failover.
        List<Instance> placed = List.of(runningOn("/web", offer("a1", "host-1", FREE, "rack:r1")));

        assertThat(evaluator.accepts(app, seen("a2", "host-2", "rack:r1"), placed)).isFalse();
        assertThat(evaluator.accepts(app, seen("a3", "host-3", "rack:r2"), placed)).isTrue();
    }

    @Test
    void factsRecordedAtLaunchWinOverTheAgentsLaterOffers() {
        App app = constrained("rack", "UNIQUE");
        List<Instance> placed = List.of(runningOn("/web", offer("a1", "host-1", FREE, "rack:r1")));
        seen("a1", "host-1", "rack:r9");

        assertThat(evaluator.accepts(app, seen("a2", "host-2", "rack:r1"), placed)).isFalse();
    }

    @Test
    void instancesStoredWithoutFactsCountOnceTheirAgentHasOffered() {
        App app = constrained("rack", "UNIQUE");
        List<Instance> placed = List.of(storedWithoutFacts("/web", "a1", "host-1"));
        Offer sameRack = offer("a2", "host-2", FREE, "rack:r1");

        assertThat(evaluator.accepts(app, sameRack, placed)).isTrue();
        seen("a1", "host-1", "rack:r1");
        assertThat(evaluator.accepts(app, sameRack, placed)).isFalse();
        assertThat(evaluator.accepts(constrained("hostname", "UNIQUE"), offer("a1", "host-1", FREE, ""), placed))
                .as("the host was always stored").isFalse();
    }

    @Test
    void onlyActiveInstancesOfTheSameAppCount() {
        App app = constrained("hostname", "UNIQUE");
        Instance otherApp = running("/other", "a1", "host-1");
        Instance finished = running("/web", "a1", "host-1").withCondition(Condition.FINISHED, NOW);

        assertThat(evaluator.accepts(app, seen("a1", "host-1", ""), List.of(otherApp, finished))).isTrue();
    }

    @Test
    void clusterWithAValueRunsOnlyThere() {
        App app = constrained("rack", "CLUSTER", "r1");

        assertThat(evaluator.accepts(app, seen("a1", "h1", "rack:r1"), List.of())).isTrue();
        assertThat(evaluator.accepts(app, seen("a2", "h2", "rack:r2"), List.of())).isFalse();
    }

    @Test
    void clusterWithoutAValueFollowsTheFirstInstance() {
        App app = constrained("hostname", "CLUSTER");

        assertThat(evaluator.accepts(app, seen("a2", "host-2", ""), List.of())).isTrue();
        List<Instance> placed = List.of(running("/web", "a1", "host-1"));
        assertThat(evaluator.accepts(app, seen("a1", "host-1", ""), placed)).isTrue();
        assertThat(evaluator.accepts(app, seen("a2", "host-2", ""), placed)).isFalse();
    }

    @Test
    void groupByAcceptsNewValuesAndThenTheSmallestGroup() {
        Offer zoneA = offer("a1", "h1", FREE, "zone:a");
        Offer zoneB = offer("a2", "h2", FREE, "zone:b");
        App app = constrained("zone", "GROUP_BY");
        List<Instance> placed = new ArrayList<>(List.of(runningOn("/web", zoneA)));

        assertThat(evaluator.accepts(app, seen("a2", "h2", "zone:b"), placed)).isTrue();
        placed.add(runningOn("/web", zoneB));
        placed.add(runningOn("/web", zoneB));

        assertThat(evaluator.accepts(app, seen("a2", "h2", "zone:b"), placed)).isFalse();
        assertThat(evaluator.accepts(app, seen("a1", "h1", "zone:a"), placed)).isTrue();
        assertThat(evaluator.accepts(app, seen("a3", "h3", "zone:c"), placed)).isTrue();
    }

    @Test
    void groupByWithACountWaitsForThatManyValues() {
        Offer zoneA = offer("a1", "h1", FREE, "zone:a");
        App app = constrained("zone", "GROUP_BY", "2");
        List<Instance> placed = List.of(runningOn("/web", zoneA));

        assertThat(evaluator.accepts(app, seen("a1", "h1", "zone:a"), placed)).isFalse();
        assertThat(evaluator.accepts(app, seen("a2", "h2", "zone:b"), placed)).isTrue();
        List<Instance> both = List.of(runningOn("/web", zoneA),
                runningOn("/web", offer("a2", "h2", FREE, "zone:b")));
        assertThat(evaluator.accepts(app, seen("a1", "h1", "zone:a"), both)).isTrue();
    }

    @Test
    void groupByKeepsZonesWithinOneInstanceEvenWithSeveralLaunchesPerOffer() {
        OfferMatcher matcher = new OfferMatcher(OfferMatchSettings.defaults(), new MutableClock(NOW));
        App app = app("/web").constraints(List.of(List.of("zone", "GROUP_BY", "2"))).build();
        Offer zoneA = offer("a1", "h1", FREE, "zone:a");
        Offer zoneB = offer("a2", "h2", FREE, "zone:b");
        List<Instance> placed = new ArrayList<>();

        for (int round = 0; round < 3; round++) {
            for (Offer offer : List.of(zoneA, zoneB)) {
                matcher.match(offer, waiting(app, 4), placed).launches().forEach(l -> placed.add(l.provisioned()));
                long inA = placed.stream().filter(i -> i.agentId().equals("a1")).count();
                long inB = placed.size() - inA;
                assertThat(Math.abs(inA - inB)).as("a=%d b=%d", inA, inB).isLessThanOrEqualTo(1);
            }
        }
        assertThat(placed).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void likeMatchesTheWholeValue() {
        App app = constrained("rack", "LIKE", "r[12]");

        assertThat(evaluator.accepts(app, seen("a1", "h", "rack:r1"), List.of())).isTrue();
        assertThat(evaluator.accepts(app, seen("a2", "h", "rack:r10"), List.of())).isFalse();
    }

    @Test
    void unlikeRefusesMatchingValues() {
        App app = constrained("rack", "UNLIKE", "r[12]");

        assertThat(evaluator.accepts(app, seen("a1", "h", "rack:r1"), List.of())).isFalse();
        assertThat(evaluator.accepts(app, seen("a2", "h", "rack:r3"), List.of())).isTrue();
    }

    @Test
    void unlikeAcceptsAnAgentWithoutTheAttribute() {
        assertThat(evaluator.accepts(constrained("rack", "UNLIKE", "r1"), seen("a1", "h", ""), List.of())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "MAX_PER", "IS"})
    void everyOtherOperatorRefusesAnAgentWithoutTheAttribute(String operator) {
        App app = switch (operator) {
            case "UNIQUE", "GROUP_BY" -> constrained("rack", operator);
            case "MAX_PER" -> constrained("rack", operator, "2");
            default -> constrained("rack", operator, "r1");
        };

        assertThat(evaluator.accepts(app, seen("a1", "h", "zone:a"), List.of())).isFalse();
    }

    @Test
    void maxPerAllowsUpToTheLimitPerValue() {
        App app = constrained("hostname", "MAX_PER", "2");
        Offer host1 = seen("a1", "host-1", "");

        assertThat(evaluator.accepts(app, host1, List.of(running("/web", "a1", "host-1")))).isTrue();
        assertThat(evaluator.accepts(app, host1,
                List.of(running("/web", "a1", "host-1"), running("/web", "a1", "host-1")))).isFalse();
    }

    @Test
    void isComparesTextExactly() {
        App app = constrained("os", "IS", "linux");

        assertThat(evaluator.accepts(app, seen("a1", "h", "os:linux"), List.of())).isTrue();
        assertThat(evaluator.accepts(app, seen("a2", "h", "os:linux2"), List.of())).isFalse();
    }

    @Test
    void isComparesScalarsAsFormattedNumbers() {
        assertThat(evaluator.accepts(constrained("level", "IS", "2.0"), seen("a1", "h", "level:2"), List.of()))
                .isTrue();
        assertThat(evaluator.accepts(constrained("level", "IS", "2"), seen("a1", "h", "level:2.000"), List.of()))
                .isTrue();
        assertThat(evaluator.accepts(constrained("level", "IS", "2.5"), seen("a1", "h", "level:2"), List.of()))
                .isFalse();
    }

    @Test
    void scalarsAreRoundedHalfEvenToThreeDecimalsWithoutTrailingZeros() {
        assertThat(AgentFacts.formatScalar(2.0)).isEqualTo("2");
        assertThat(AgentFacts.formatScalar(1.5)).isEqualTo("1.5");
        assertThat(AgentFacts.formatScalar(0.125)).isEqualTo("0.125");
        assertThat(AgentFacts.formatScalar(1.0005)).isEqualTo("1");
        assertThat(AgentFacts.formatScalar(1.0015)).isEqualTo("1.002");
        assertThat(AgentFacts.formatScalar(100.0)).isEqualTo("100");
        assertThat(AgentFacts.formatScalar(0.0)).isEqualTo("0");
    }

    @Test
    void rangesAndSetsAreFormattedAsMarathonDoes() {
        Attribute ranges = new Attribute("ports", ValueType.RANGES, null,
                Ranges.of(List.of(new io.mpaas.protocol.mesos.Range(1, 2), new io.mpaas.protocol.mesos.Range(5, 9))),
                null, null);
        Attribute set = new Attribute("disks", ValueType.SET, null, null, new ValueSet(List.of("a", "b")), null);

        assertThat(AgentFacts.format(ranges)).isEqualTo("[1-2,5-9]");
        assertThat(AgentFacts.format(set)).isEqualTo("{a,b}");
        assertThat(evaluator.accepts(constrained("ports", "IS", "[1-2,5-9]"),
                seen("a1", "h", "ports:[1-2,5-9]"), List.of())).isTrue();
        assertThat(evaluator.accepts(constrained("disks", "LIKE", "\\{a,.*"),
                seen("a1", "h", "disks:{a,b}"), List.of())).isTrue();
    }

    @Test
    void regionAndZoneComeFromTheFaultDomain() {
        Offer west = offer("a1", "h1", FREE, "", "*", DomainInfo.of("eu", "eu-west-1"));
        Offer noDomain = offer("a2", "h2", FREE, "");

        assertThat(evaluator.accepts(constrained("@region", "IS", "eu"), west, List.of())).isTrue();
        assertThat(evaluator.accepts(constrained("@zone", "LIKE", "eu-west-.*"), west, List.of())).isTrue();
        assertThat(evaluator.accepts(constrained("@zone", "IS", "eu-east-1"), west, List.of())).isFalse();
        assertThat(evaluator.accepts(constrained("@region", "IS", "eu"), noDomain, List.of())).isFalse();
    }

    @Test
    void zonesOfPlacedInstancesComeFromTheFactsRecordedAtLaunch() {
        Instance placed = runningOn("/web", offer("a1", "h1", FREE, "", "*", DomainInfo.of("eu", "z1")));
        Offer sameZone = offer("a2", "h2", FREE, "", "*", DomainInfo.of("eu", "z1"));
        Offer otherZone = offer("a3", "h3", FREE, "", "*", DomainInfo.of("eu", "z2"));

        assertThat(evaluator.accepts(constrained("@zone", "UNIQUE"), sameZone, List.of(placed))).isFalse();
        assertThat(evaluator.accepts(constrained("@zone", "UNIQUE"), otherZone, List.of(placed))).isTrue();
        assertThat(evaluator.accepts(constrained("@region", "CLUSTER"), otherZone, List.of(placed))).isTrue();
    }

    @Test
    void theOperatorIsCaseInsensitive() {
        assertThat(evaluator.accepts(constrained("hostname", "unique"), seen("a1", "h1", ""),
                List.of(running("/web", "a1", "h1")))).isFalse();
    }

    @Test
    void malformedConstraintsAreNeverMet() {
        Offer offer = seen("a1", "h1", "rack:r1");

        assertThat(evaluator.accepts(constrained("rack", "SOMEWHERE"), offer, List.of())).isFalse();
        assertThat(evaluator.accepts(constrained("rack", "MAX_PER", "two"), offer, List.of())).isFalse();
        assertThat(evaluator.accepts(constrained("rack", "GROUP_BY", "x"), offer, List.of())).isFalse();
        assertThat(evaluator.accepts(constrained("rack", "LIKE", "r[1"), offer, List.of())).isFalse();
        assertThat(evaluator.accepts(constrained("rack", "UNIQUE", "r1"), offer, List.of())).isFalse();
        assertThat(evaluator.accepts(constrained("rack"), offer, List.of())).isFalse();
    }

    @Test
    void unmetNamesTheConstraintsThatFail() {
        App app = app("/web").constraints(List.of(List.of("rack", "IS", "r1"), List.of("hostname", "LIKE", "x.*")))
                .build();

        assertThat(evaluator.unmet(app, seen("a1", "h1", "rack:r1"), List.of()))
                .containsExactly(List.of("hostname", "LIKE", "x.*"));
    }
}
