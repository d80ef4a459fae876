package io.mpaas.marathon.offer;

import static io.mpaas.marathon.offer.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePortsTest {

    private static final RootGroup EMPTY = RootGroup.empty(Instant.parse("2024-05-01T00:00:00Z"));

    private static App hostApp(String id, Integer... ports) {
        return app(id).portDefinitions(java.util.Arrays.stream(ports)
                .map(p -> new PortDefinition(p, "tcp", null, null)).toList()).build();
    }

    private static App bridgedApp(String id, Integer... servicePorts) {
        return app(id).cmd(null).portDefinitions(null)
                .networks(List.of(new Network("container/bridge", null, null)))
                .container(new Container("DOCKER", new Container.Docker("nginx", null, null, false, null, false), null,
                        java.util.Arrays.stream(servicePorts)
                                .map(p -> new PortMapping(80, 0, p, "tcp", null, null, null)).toList()))
                .build();
    }

    private static RootGroup group(App... apps) {
        RootGroup group = EMPTY;
        for (App app : apps) {
            group = group.putApp(PathId.of(app.id()), app);
        }
        return group;
    }

    private static List<Integer> ports(RootGroup group, String id) {
        return ServicePorts.servicePorts(group.app(PathId.of(id)).orElseThrow());
    }

    @Test
    void dynamicPortsGetUniquePortsFromTheRange() {
        RootGroup assigned = ServicePorts.assign(EMPTY, group(hostApp("/a", 0, 0), hostApp("/b", 0)), 10000, 20000);

        assertThat(ports(assigned, "/a")).containsExactly(10000, 10001);
        assertThat(ports(assigned, "/b")).containsExactly(10002);
    }

    @Test
    void portsUsedByOtherAppsAreSkipped() {
        RootGroup assigned = ServicePorts.assign(EMPTY, group(hostApp("/a", 10000, 10002), hostApp("/b", 0, 0)),
                10000, 20000);

        assertThat(ports(assigned, "/a")).containsExactly(10000, 10002);
        assertThat(ports(assigned, "/b")).containsExactly(10001, 10003);
    }

    @Test
    void anAppKeepsItsPortsWhenItsDefinitionIsSentAgain() {
        RootGroup original = group(hostApp("/z", 10000, 10001));
        // /z is re-sent with port 0, as a client that keeps its JSON does; /a is new and sorts first.
        RootGroup target = group(hostApp("/a", 0, 0), hostApp("/z", 0, 0).toBuilder().cmd("changed").build());

        RootGroup assigned = ServicePorts.assign(original, target, 10000, 20000);

        assertThat(ports(assigned, "/z")).containsExactly(10000, 10001);
        assertThat(ports(assigned, "/a")).containsExactly(10002, 10003);
    }

    @Test
    void aKeptPortNeedNotBeTheLowestFree() {
        RootGroup assigned = ServicePorts.assign(group(hostApp("/z", 10007)), group(hostApp("/z", 0)), 10000, 20000);

        assertThat(ports(assigned, "/z")).containsExactly(10007);
    }

    @Test
    void aKeptPortNowClaimedExplicitlyByAnotherAppIsReplaced() {
        RootGroup original = group(hostApp("/a", 10000));

        RootGroup assigned = ServicePorts.assign(original, group(hostApp("/a", 0), hostApp("/b", 10000)), 10000,
                20000);

        assertThat(ports(assigned, "/a")).containsExactly(10001);
        assertThat(ports(assigned, "/b")).containsExactly(10000);
    }

    @Test
    void explicitPortsAreKeptAsGiven() {
        RootGroup assigned = ServicePorts.assign(group(hostApp("/a", 10000)), group(hostApp("/a", 9000, 0)), 10000,
                20000);

        assertThat(ports(assigned, "/a")).containsExactly(9000, 10000);
    }

    @Test
    void requirePortsAppsGetNoServicePortForPortZero() {
        App fixed = hostApp("/a", 0).toBuilder().requirePorts(true).build();

        RootGroup assigned = ServicePorts.assign(EMPTY, group(fixed), 10000, 20000);

        assertThat(ports(assigned, "/a")).containsExactly(0);
    }

    @Test
    void portMappingsGetServicePorts() {
        RootGroup assigned = ServicePorts.assign(EMPTY, group(bridgedApp("/web", 0, 0)), 10000, 20000);

        App web = assigned.app(PathId.of("/web")).orElseThrow();
        assertThat(web.container().portMappings()).extracting(PortMapping::servicePort).containsExactly(10000, 10001);
        assertThat(ServicePorts.servicePorts(web)).containsExactly(10000, 10001);
    }

    @Test
    void legacyDockerPortMappingsAreAssignedWhereTheyAre() {
        App legacy = app("/web").cmd(null).portDefinitions(null).networks(null)
                .container(new Container("DOCKER", new Container.Docker("nginx", "BRIDGE",
                        List.of(new PortMapping(80, 0, 0, "tcp", null, null, null)), false, null, false), null, null))
                .build();

        App web = ServicePorts.assign(EMPTY, group(legacy), 10000, 20000).app(PathId.of("/web")).orElseThrow();

        assertThat(web.container().docker().portMappings()).extracting(PortMapping::servicePort)
                .containsExactly(10000);
        assertThat(web.container().portMappings()).isNull();
    }

    @Test
    void anAppWithoutPortDefinitionsGetsMarathonsDefaultPort() {
        App bare = app("/a").portDefinitions(null).build();

        App a = ServicePorts.assign(EMPTY, group(bare), 10000, 20000).app(PathId.of("/a")).orElseThrow();

        assertThat(a.portDefinitions()).containsExactly(new PortDefinition(10000, "tcp", null, null));
    }

    @Test
    void appsWithAllPortsAssignedAreLeftAlone() {
        RootGroup target = group(hostApp("/a", 10000), hostApp("/b"));

        assertThat(ServicePorts.assign(EMPTY, target, 10000, 20000)).isEqualTo(target);
    }

    @Test
    void anExhaustedRangeIsRefused() {
        RootGroup target = group(hostApp("/a", 10000, 10001), hostApp("/b", 0, 0));

        assertThatThrownBy(() -> ServicePorts.assign(EMPTY, target, 10000, 10002))
                .isInstanceOfSatisfying(MarathonFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(MarathonFailure.Kind.INVALID);
                    assertThat(f.getMessage()).isEqualTo("All service ports in the range [10000, 10002] are in use;"
                            + " app /b cannot get a service port");
                });
    }
}
