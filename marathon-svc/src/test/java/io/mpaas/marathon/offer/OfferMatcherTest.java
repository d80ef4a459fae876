package io.mpaas.marathon.offer;

import static io.mpaas.marathon.offer.Fixtures.NOW;
import static io.mpaas.marathon.offer.Fixtures.app;
import static io.mpaas.marathon.offer.Fixtures.offer;
import static io.mpaas.marathon.offer.Fixtures.running;
import static io.mpaas.marathon.offer.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.mesos.AllocationInfo;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.DomainInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Range;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.testkit.time.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferMatcherTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final OfferMatcher matcher = new OfferMatcher(OfferMatchSettings.defaults(), clock);

    private static final String BIG = "cpus:8;mem:8192;disk:10000;ports:[31000-31009]";

    @Test
    void anInstanceThatFitsIsProvisionedWithItsTask() {
        App web = app("/prod/web").build();
        LaunchRequest request = waiting(web);
        Offer offer = offer("agent-1", "host-1", "cpus:4;mem:1024;disk:100;ports:[31000-31009]", "");

        MatchResult result = matcher.match(offer, List.of(request), List.of());

        assertThat(result.rejections()).isEmpty();
        assertThat(result.launches()).hasSize(1);
        Instance provisioned = result.launches().getFirst().provisioned();
        assertThat(provisioned.instanceId()).isEqualTo(request.instance().instanceId());
        assertThat(provisioned.condition()).isEqualTo(Condition.PROVISIONED);
        assertThat(provisioned.taskId()).isEqualTo(request.instance().instanceId() + "._app.1");
        assertThat(provisioned.incarnation()).isEqualTo(1);
        assertThat(provisioned.agentId()).isEqualTo("agent-1");
        assertThat(provisioned.host()).isEqualTo("host-1");
        assertThat(provisioned.hostPorts()).containsExactly(31000);
        assertThat(provisioned.servicePorts()).containsExactly(10000);
        assertThat(provisioned.role()).isEqualTo("*");
        assertThat(provisioned.since()).isEqualTo(NOW);
        assertThat(provisioned.stagedAt()).isEqualTo(NOW);

        TaskInfo task = result.launches().getFirst().task();
        assertThat(task.taskId().value()).isEqualTo(provisioned.taskId());
        assertThat(task.agentId().value()).isEqualTo("agent-1");
        assertThat(task.name()).isEqualTo("web.prod");
        assertThat(scalar(task, "cpus")).isEqualTo(1.0);
        assertThat(scalar(task, "mem")).isEqualTo(128.0);
        assertThat(task.resources()).noneMatch(r -> r.name().equals("disk") || r.name().equals("gpus"));
        Resource ports = resource(task, "ports");
        assertThat(ports.ranges().range()).containsExactly(new Range(31000, 31000));
        // Taken as offered: same role, same allocation, or the master refuses the LAUNCH.
        assertThat(task.resources()).allSatisfy(r -> {
            assertThat(r.allocationInfo()).isEqualTo(new AllocationInfo("*"));
            assertThat(r.reservationRole()).isEqualTo("*");
        });
    }

    @Test
    void theTaskGoesOnTheWireAsMesosReadsIt() {
        App web = app("/prod/web").build();
        Offer offer = offer("agent-1", "host-1", "cpus:4;mem:1024;ports:[31000-31009]", "");

        TaskInfo task = matcher.match(offer, List.of(waiting(web)), List.of()).launches().getFirst().task();
        String json = MesosJson.writeString(task);

        assertThat(json).contains("\"task_id\":{\"value\":\"" + task.taskId().value() + "\"}")
                .contains("\"agent_id\":{\"value\":\"agent-1\"}")
                .contains("\"allocation_info\":{\"role\":\"*\"}")
                .contains("\"ranges\":{\"range\":[{\"begin\":31000,\"end\":31000}]}");
        assertThat(MesosJson.read(json, TaskInfo.class)).isEqualTo(task);
    }

    @Test
    void tooFewCpusIsInsufficientCpus() {
        MatchResult result = matcher.match(offer("a", "h", "cpus:0.5;mem:1024;ports:[31000-31009]", ""),
                List.of(waiting(app("/web").build())), List.of());

        assertThat(result.launches()).isEmpty();
        assertThat(result.rejections()).containsExactly(Map.entry(PathId.of("/web"),
                Map.of("InsufficientCpus", 1)));
    }

    @Test
    void tooLittleMemoryIsInsufficientMemory() {
        MatchResult result = matcher.match(offer("a", "h", "cpus:4;mem:64;ports:[31000-31009]", ""),
                List.of(waiting(app("/web").build())), List.of());

        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("InsufficientMemory");
    }

    @Test
    void tooLittleDiskIsInsufficientDisk() {
        MatchResult result = matcher.match(offer("a", "h", "cpus:4;mem:1024;disk:10;ports:[31000-31009]", ""),
                List.of(waiting(app("/web").disk(100.0).build())), List.of());

        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("InsufficientDisk");
    }

    @Test
    void missingGpusIsInsufficientGpus() {
        MatchResult result = matcher.match(offer("a", "h", BIG, ""),
                List.of(waiting(app("/web").gpus(1).build())), List.of());

        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("InsufficientGpus");
    }

    @Test
    void gpusAreTakenWhenNeeded() {
        MatchResult result = matcher.match(offer("a", "h", BIG + ";gpus:2", ""),
                List.of(waiting(app("/web").gpus(1).build())), List.of());

        assertThat(scalar(result.launches().getFirst().task(), "gpus")).isEqualTo(1.0);
    }

    @Test
    void tooFewPortsIsInsufficientPorts() {
        App twoPorts = app("/web").portDefinitions(List.of(new PortDefinition(10000, "tcp", null, null),
                new PortDefinition(10001, "tcp", null, null))).build();

        MatchResult result = matcher.match(offer("a", "h", "cpus:4;mem:1024;ports:[31000-31000]", ""),
                List.of(waiting(twoPorts)), List.of());

        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("InsufficientPorts");
    }

    @Test
    void everyShortfallIsReported() {
        MatchResult result = matcher.match(offer("a", "h", "cpus:0.1;mem:16", ""),
                List.of(waiting(app("/web").build())), List.of());

        assertThat(result.rejections().get(PathId.of("/web")))
                .containsOnlyKeys("InsufficientCpus", "InsufficientMemory", "InsufficientPorts");
    }

    @Test
    void severalInstancesConsumeTheOfferCumulatively() {
        App web = app("/web").cpus(1.0).mem(256.0).build();

        MatchResult result = matcher.match(offer("a", "h", "cpus:2.5;mem:8192;ports:[31000-31009]", ""),
                waiting(web, 3), List.of());

        assertThat(result.launches()).hasSize(2);
        assertThat(result.launches()).extracting(l -> l.provisioned().hostPorts())
                .containsExactly(List.of(31000), List.of(31001));
        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("InsufficientCpus");
    }

    @Test
    void fractionalCpusAddUpExactly() {
        OfferMatcher roomy = new OfferMatcher(new OfferMatchSettings(20, "*", List.of("*")), clock);
        App tiny = app("/tiny").cpus(0.1).mem(1.0).portDefinitions(List.of()).build();

        MatchResult result = roomy.match(offer("a", "h", "cpus:1;mem:100", ""), waiting(tiny, 11), List.of());

        assertThat(result.launches()).hasSize(10);
        assertThat(result.rejections().get(PathId.of("/tiny"))).containsOnlyKeys("InsufficientCpus");
    }

    @Test
    void noMoreThanMaxInstancesPerOfferAreLaunched() {
        OfferMatcher two = new OfferMatcher(new OfferMatchSettings(2, "*", List.of("*")), clock);

        MatchResult result = two.match(offer("a", "h", BIG, ""), waiting(app("/web").build(), 4), List.of());

        assertThat(result.launches()).hasSize(2);
        assertThat(result.rejections()).isEmpty();
    }

    @Test
    void theDefaultIsFiveInstancesPerOffer() {
        MatchResult result = matcher.match(offer("a", "h", BIG, ""), waiting(app("/web").build(), 7), List.of());

        assertThat(result.launches()).hasSize(5);
    }

    @Test
    void anAppThatDoesNotFitDoesNotBlockTheOthers() {
        App big = app("/big").cpus(16.0).build();
        App small = app("/small").build();
        List<LaunchRequest> queue = new ArrayList<>(waiting(big, 2));
        queue.add(waiting(small));

        MatchResult result = matcher.match(offer("a", "h", BIG, ""), queue, List.of());

        assertThat(result.launches()).extracting(l -> l.provisioned().appId()).containsExactly(PathId.of("/small"));
        assertThat(result.rejections()).containsOnlyKeys(PathId.of("/big"));
        assertThat(result.rejections().get(PathId.of("/big"))).containsEntry("InsufficientCpus", 1);
    }

    @Test
    void requirePortsTakesTheDefinedPortAsHostPort() {
        App fixed = app("/fixed").requirePorts(true)
                .portDefinitions(List.of(new PortDefinition(31005, "tcp", null, null))).build();

        MatchResult result = matcher.match(offer("a", "h", BIG, ""), List.of(waiting(fixed)), List.of());

        assertThat(result.launches().getFirst().provisioned().hostPorts()).containsExactly(31005);
        assertThat(resource(result.launches().getFirst().task(), "ports").ranges().range())
                .containsExactly(new Range(31005, 31005));
    }

    @Test
    void aRequiredPortMissingFromTheOfferIsInsufficientPorts() {
        App fixed = app("/fixed").requirePorts(true)
                .portDefinitions(List.of(new PortDefinition(8080, "tcp", null, null))).build();

        MatchResult result = matcher.match(offer("a", "h", BIG, ""), List.of(waiting(fixed)), List.of());

        assertThat(result.launches()).isEmpty();
        assertThat(result.rejections().get(PathId.of("/fixed"))).containsOnlyKeys("InsufficientPorts");
    }

    @Test
    void aFixedPortIsTakenOnlyOnceFromAnOffer() {
        App fixed = app("/fixed").requirePorts(true)
                .portDefinitions(List.of(new PortDefinition(31005, "tcp", null, null))).build();

        MatchResult result = matcher.match(offer("a", "h", BIG, ""), waiting(fixed, 2), List.of());

        assertThat(result.launches()).hasSize(1);
        assertThat(result.rejections().get(PathId.of("/fixed"))).containsOnlyKeys("InsufficientPorts");
    }

    @Test
    void dynamicPortsAvoidTheFixedOnesOfTheSameTask() {
        App mixed = app("/mixed").networks(List.of(new Network("container/bridge", null, null)))
                .portDefinitions(null)
                .container(new Container("DOCKER", new Container.Docker("nginx", null, null, false, null, false),
                        null, List.of(new PortMapping(80, 0, 0, "tcp", null, null, null),
                                new PortMapping(443, 31000, 0, "tcp", null, null, null))))
                .build();

        MatchResult result = matcher.match(offer("a", "h", BIG, ""), List.of(waiting(mixed)), List.of());

        assertThat(result.launches().getFirst().provisioned().hostPorts()).containsExactly(31001, 31000);
    }

    @Test
    void acceptedRolesLimitTheResourcesUsed() {
        OfferMatcher inWeb = new OfferMatcher(new OfferMatchSettings(5, "web", List.of("*")), clock);
        Offer offer = offer("a", "h", "cpus:0.5;cpus(web):2;mem:1024;ports:[31000-31009]", "", "web", null);

        MatchResult unreservedOnly = inWeb.match(offer, List.of(waiting(app("/web").build())), List.of());
        MatchResult reservedToo = inWeb.match(offer,
                List.of(waiting(app("/web").acceptedResourceRoles(List.of("web", "*")).build())), List.of());

        assertThat(unreservedOnly.launches()).isEmpty();
        assertThat(unreservedOnly.rejections().get(PathId.of("/web")))
                .containsOnlyKeys("InsufficientCpus", "UnfulfilledRole");
        assertThat(reservedToo.launches()).hasSize(1);
        Resource cpus = resource(reservedToo.launches().getFirst().task(), "cpus");
        assertThat(cpus.reservationRole()).isEqualTo("web");
        assertThat(cpus.role()).isEqualTo("web");
        assertThat(cpus.allocationInfo()).isEqualTo(new AllocationInfo("web"));
        assertThat(reservedToo.launches().getFirst().provisioned().role()).isEqualTo("web");
    }

    @Test
    void reservedResourcesAreTakenBeforeUnreservedOnes() {
        OfferMatcher inWeb = new OfferMatcher(new OfferMatchSettings(5, "web", List.of("*")), clock);
        Offer offer = offer("a", "h", "cpus:4;cpus(web):2;mem:1024;ports:[31000-31009]", "", "web", null);
        App web = app("/web").cpus(3.0).acceptedResourceRoles(List.of("*", "web")).build();

        TaskInfo task = inWeb.match(offer, List.of(waiting(web)), List.of()).launches().getFirst().task();

        assertThat(task.resources()).filteredOn(r -> r.name().equals("cpus"))
                .extracting(Resource::reservationRole, r -> r.scalar().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web", 2.0),
                        org.assertj.core.groups.Tuple.tuple("*", 1.0));
    }

    @Test
    void anOfferForAnotherRoleIsUnfulfilledRole() {
        Offer offer = offer("a", "h", BIG, "", "batch", null);

        MatchResult result = matcher.match(offer, List.of(waiting(app("/web").build())), List.of());

        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("UnfulfilledRole");
    }

    @Test
    void anAppInItsOwnRoleUsesOffersOfThatRole() {
        Offer offer = offer("a", "h", BIG, "", "batch", null);

        MatchResult result = matcher.match(offer, List.of(waiting(app("/web").role("batch").build())), List.of());

        assertThat(result.launches()).hasSize(1);
        assertThat(result.launches().getFirst().provisioned().role()).isEqualTo("batch");
    }

    @Test
    void anUnmetConstraintIsUnfulfilledConstraint() {
        App unique = app("/web").constraints(List.of(List.of("hostname", "UNIQUE"))).build();

        MatchResult result = matcher.match(offer("a", "host-1", BIG, ""), List.of(waiting(unique)),
                List.of(running("/web", "a", "host-1")));

        assertThat(result.launches()).isEmpty();
        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("UnfulfilledConstraint");
    }

    @Test
    void launchesFromTheSameOfferCountAsPlaced() {
        App unique = app("/web").constraints(List.of(List.of("hostname", "UNIQUE"))).build();
        App maxTwo = app("/api").constraints(List.of(List.of("hostname", "MAX_PER", "2"))).build();
        List<LaunchRequest> queue = new ArrayList<>(waiting(unique, 2));
        queue.addAll(waiting(maxTwo, 3));

        MatchResult result = matcher.match(offer("a", "host-1", BIG, ""), queue, List.of());

        assertThat(result.launches()).extracting(l -> l.provisioned().appId().toString())
                .containsExactly("/web", "/api", "/api");
        assertThat(result.rejections().get(PathId.of("/web"))).containsOnlyKeys("UnfulfilledConstraint");
        assertThat(result.rejections().get(PathId.of("/api"))).containsOnlyKeys("UnfulfilledConstraint");
    }

    @Test
    void theTaskIdFollowsTheInstancesIncarnation() {
        App web = app("/web").build();
        Instance relaunched = new Instance("web.instance-1", PathId.of("/web"), Fixtures.VERSION, Fixtures.VERSION,
                io.mpaas.marathon.instance.Goal.RUNNING, Condition.SCHEDULED, NOW, 2, null, null, null, null,
                null, null, null, null, null, null, null, null);

        Launch launch = matcher.match(offer("a", "h", BIG, ""), List.of(new LaunchRequest(web, relaunched)),
                List.of()).launches().getFirst();

        assertThat(launch.provisioned().taskId()).isEqualTo("web.instance-1._app.3");
        assertThat(launch.task().taskId().value()).isEqualTo("web.instance-1._app.3");
    }

    @Test
    void theProvisionedInstanceCarriesTheAgentsFactsFromTheOffer() {
        Offer offer = offer("agent-1", "host-1", BIG, "rack:r1;level:2", "*", DomainInfo.of("eu", "eu-1a"));

        Instance provisioned = matcher.match(offer, List.of(waiting(app("/web").build())), List.of()).launches()
                .getFirst().provisioned();

        assertThat(provisioned.agentInfo()).isEqualTo(new AgentInfo("agent-1", "host-1", "eu", "eu-1a",
                Attribute.parseAll("rack:r1;level:2")));
        assertThat(provisioned.agentInfo().factsKnown()).isTrue();
    }

    @Test
    void offersSeenAreRememberedForLaterConstraints() {
        matcher.match(offer("agent-1", "host-1", "cpus:0.1", "rack:r1"), List.of(), List.of());

        assertThat(matcher.agentAttributes().size()).isEqualTo(1);
    }

    private static double scalar(TaskInfo task, String name) {
        return task.resources().stream().filter(r -> r.name().equals(name))
                .mapToDouble(r -> r.scalar().value()).sum();
    }

    private static Resource resource(TaskInfo task, String name) {
        return task.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
