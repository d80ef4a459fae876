package io.mpaas.marathon.offer;

import static io.mpaas.marathon.offer.Fixtures.app;
import static io.mpaas.marathon.offer.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Fetch;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.DockerInfo;
import io.mpaas.protocol.mesos.DiscoveryInfo;
import io.mpaas.protocol.mesos.Label;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Parameter;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.TaskInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFactoryTest {

    private static final String TASK_ID = "prod_web.instance-1._app.1";

    private final TaskFactory factory = new TaskFactory();
    private final Offer offer = offer("agent-1", "host-1.example", "cpus:4;mem:4096;ports:[31000-31099]", "");

    private TaskInfo build(App app, Integer... hostPorts) {
        return factory.build(app, TASK_ID, offer, List.of(Resource.scalar("cpus", 1)), List.of(hostPorts));
    }

    private static Map<String, String> env(TaskInfo task) {
        Map<String, String> env = new LinkedHashMap<>();
        task.command().environment().variables().forEach(v -> env.put(v.name(), v.value()));
        return env;
    }

    private static final Container.Docker NGINX = new Container.Docker("nginx:1.27", null, null, false, null, false);

    private static App bridged(PortMapping... mappings) {
        return app("/prod/web").cmd(null).portDefinitions(null)
                .networks(List.of(new Network("container/bridge", null, null)))
                .container(new Container("DOCKER", NGINX, null, List.of(mappings)))
                .build();
    }

    @Test
    void theTaskIsNamedAfterTheReversedAppIdAndRunsOnTheOffersAgent() {
        TaskInfo task = build(app("/prod/web").build(), 31000);

        assertThat(task.name()).isEqualTo("web.prod");
        assertThat(task.taskId().value()).isEqualTo(TASK_ID);
        assertThat(task.agentId().value()).isEqualTo("agent-1");
        assertThat(TaskFactory.taskName(PathId.of("/a/b/c"))).isEqualTo("c.b.a");
    }

    @Test
    void theResourcesAreThoseTheTaskWasMatchedTo() {
        List<Resource> taken = List.of(Resource.scalar("cpus", 0.5).reservedFor("web").withAllocationRole("web"),
                Resource.ranges("ports", Ranges.of(31000, 31000)).withAllocationRole("web"));

        TaskInfo task = factory.build(app("/web").build(), TASK_ID, offer, taken, List.of(31000));

        assertThat(task.resources()).isEqualTo(taken);
    }

    @Test
    void hostNetworkingGetsPortAndAppVariables() {
        App web = app("/prod/web").cpus(1.5).mem(256.0).disk(10.0).gpus(0)
                .portDefinitions(List.of(new PortDefinition(10000, "tcp", "http", null),
                        new PortDefinition(10001, "tcp", null, null)))
                .labels(Map.of("HAPROXY_GROUP", "external", "owner.team-name", "ops"))
                .build();

        Map<String, String> env = env(build(web, 31000, 31001));

        assertThat(env).containsEntry("HOST", "host-1.example")
                .containsEntry("PORT0", "31000")
                .containsEntry("PORT1", "31001")
                .containsEntry("PORT", "31000")
                .containsEntry("PORTS", "31000,31001")
                .containsEntry("PORT_10000", "31000")
                .containsEntry("PORT_10001", "31001")
                .containsEntry("PORT_HTTP", "31000")
                .containsEntry("MARATHON_APP_ID", "/prod/web")
                .containsEntry("MARATHON_APP_VERSION", "2024-05-01T10:00:00.000Z")
                .containsEntry("MARATHON_APP_RESOURCE_CPUS", "1.5")
                .containsEntry("MARATHON_APP_RESOURCE_MEM", "256.0")
                .containsEntry("MARATHON_APP_RESOURCE_DISK", "10.0")
                .containsEntry("MARATHON_APP_RESOURCE_GPUS", "0")
                .containsEntry("MARATHON_APP_LABELS", "HAPROXY_GROUP OWNER_TEAM_NAME")
                .containsEntry("MARATHON_APP_LABEL_HAPROXY_GROUP", "external")
                .containsEntry("MARATHON_APP_LABEL_OWNER_TEAM_NAME", "ops")
                .doesNotContainKeys("MARATHON_APP_DOCKER_IMAGE", "MESOS_TASK_ID");
    }

    @Test
    void theAppsOwnVariablesWin() {
        App web = app("/web").env(Map.of("PORT", "8080", "GREETING", "hello")).build();

        Map<String, String> env = env(build(web, 31000));

        assertThat(env).containsEntry("PORT", "8080").containsEntry("GREETING", "hello")
                .containsEntry("PORT0", "31000");
    }

    @Test
    void labelsTooLongForTheEnvironmentAreLeftOut() {
        App web = app("/web").labels(Map.of("big", "x".repeat(513), "ok", "1")).build();

        Map<String, String> env = env(build(web, 31000));

        assertThat(env).containsEntry("MARATHON_APP_LABELS", "OK").doesNotContainKey("MARATHON_APP_LABEL_BIG");
    }

    @Test
    void anAppWithoutPortsHasNoPortVariables() {
        Map<String, String> env = env(build(app("/web").portDefinitions(List.of()).build()));

        assertThat(env).doesNotContainKeys("PORT", "PORTS", "PORT0").containsKey("HOST");
    }

    @Test
    void cmdRunsInAShell() {
        CommandInfo command = build(app("/web").cmd("python3 -m http.server $PORT0").build(), 31000).command();

        assertThat(command.isShell()).isTrue();
        assertThat(command.value()).isEqualTo("python3 -m http.server $PORT0");
        assertThat(command.arguments()).isEmpty();
        assertThat(build(app("/web").build(), 31000).container()).isNull();
    }

    @Test
    void argsWithoutAnImageExecTheFirstArgument() {
        CommandInfo command = build(app("/web").cmd(null).args(List.of("/bin/echo", "hi")).build(), 31000)
                .command();

        assertThat(command.isShell()).isFalse();
        assertThat(command.value()).isEqualTo("/bin/echo");
        assertThat(command.arguments()).containsExactly("/bin/echo", "hi");
    }

    @Test
    void argsWithAnImageGoToItsEntrypoint() {
        App app = app("/web").cmd(null).args(List.of("--port", "80"))
                .container(new Container("DOCKER", NGINX, null, null)).build();

        CommandInfo command = build(app, 31000).command();

        assertThat(command.isShell()).isFalse();
        assertThat(command.value()).isNull();
        assertThat(command.arguments()).containsExactly("--port", "80");
    }

    @Test
    void anImageWithoutCmdOrArgsRunsItsOwnEntrypoint() {
        CommandInfo command = build(bridged(new PortMapping(80, 0, 10000, "tcp", null, null, null)), 31000)
                .command();

        assertThat(command.isShell()).isFalse();
        assertThat(command.value()).isNull();
        assertThat(command.arguments()).isEmpty();
    }

    @Test
    void fetchedUrisAndTheUserGoIntoTheCommand() {
        App app = app("/web").user("nobody")
                .fetch(List.of(new Fetch("https://example.com/app.tgz", null, true, false, "app.tgz"))).build();

        CommandInfo command = build(app, 31000).command();

        assertThat(command.user()).isEqualTo("nobody");
        assertThat(command.uris()).containsExactly(
                new CommandInfo.Uri("https://example.com/app.tgz", true, true, false, "app.tgz"));
    }

    @Test
    void bridgeNetworkingMapsHostPortsToContainerPorts() {
        App app = bridged(new PortMapping(80, 0, 10000, "tcp", "http", null, null),
                new PortMapping(0, 0, 10001, "udp,tcp", null, null, null));

        TaskInfo task = build(app, 31000, 31001);

        DockerInfo docker = task.container().docker();
        assertThat(task.container().type()).isEqualTo(ContainerInfo.Type.DOCKER);
        assertThat(docker.image()).isEqualTo("nginx:1.27");
        assertThat(docker.network()).isEqualTo(DockerInfo.Network.BRIDGE);
        assertThat(docker.portMappings()).containsExactly(
                new ContainerInfo.PortMapping(31000L, 80L, "tcp"),
                new ContainerInfo.PortMapping(31001L, 31001L, "udp"),
                new ContainerInfo.PortMapping(31001L, 31001L, "tcp"));
        assertThat(env(task)).containsEntry("PORT0", "31000")
                .containsEntry("PORT_80", "31000")
                .containsEntry("PORT_HTTP", "31000")
                .containsEntry("PORT1", "31001")
                .containsEntry("PORTS", "31000,31001")
                .containsEntry("MARATHON_APP_DOCKER_IMAGE", "nginx:1.27")
                .doesNotContainKey("PORT_10000");
    }

    @Test
    void dockerOptionsAndVolumesAreCarriedOver() {
        Container.Docker docker = new Container.Docker("nginx:1.27", null, null, true,
                List.of(new Container.Parameter("label", "team=ops")), true);
        App app = app("/web").cmd(null).container(new Container("DOCKER", docker,
                List.of(new Container.Volume("/data", "/srv/data", "RW", null, null),
                        new Container.Volume("/etc/conf", "/srv/conf", "RO", null, null)), null)).build();

        ContainerInfo container = build(app, 31000).container();

        assertThat(container.docker().network()).isEqualTo(DockerInfo.Network.HOST);
        assertThat(container.docker().portMappings()).isEmpty();
        assertThat(container.docker().privileged()).isTrue();
        assertThat(container.docker().forcePullImage()).isTrue();
        assertThat(container.docker().parameters()).containsExactly(new Parameter("label", "team=ops"));
        assertThat(container.volumes()).containsExactly(
                new ContainerInfo.Volume("/data", "/srv/data", ContainerInfo.Volume.Mode.RW, null, null),
                new ContainerInfo.Volume("/etc/conf", "/srv/conf", ContainerInfo.Volume.Mode.RO, null, null));
    }

    @Test
    void aContainerNetworkIsADockerUserNetwork() {
        App app = app("/web").cmd(null).portDefinitions(null)
                .networks(List.of(new Network("container", "overlay-1", null)))
                .container(new Container("DOCKER", NGINX, null,
                        List.of(new PortMapping(8080, null, 10000, "tcp", "http", null, null))))
                .build();

        TaskInfo task = build(app);

        assertThat(task.container().docker().network()).isEqualTo(DockerInfo.Network.USER);
        assertThat(task.container().networkInfos()).extracting(ContainerInfo.NetworkInfo::name)
                .containsExactly("overlay-1");
        assertThat(task.container().docker().portMappings()).isEmpty();
        assertThat(env(task)).containsEntry("PORT0", "8080").containsEntry("PORT_8080", "8080");
    }

    @Test
    void theKillGracePeriodBecomesTheKillPolicy() {
        TaskInfo withGrace = build(app("/web").taskKillGracePeriodSeconds(30L).build(), 31000);
        TaskInfo without = build(app("/web").build(), 31000);

        assertThat(withGrace.killPolicy().gracePeriod().toDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(without.killPolicy()).isNull();
    }

    @Test
    void appLabelsBecomeTaskLabels() {
        TaskInfo task = build(app("/web").labels(Map.of("b", "2", "a", "1")).build(), 31000);

        assertThat(task.labels().labels()).containsExactly(new Label("a", "1"), new Label("b", "2"));
    }

    @Test
    void aMesosHttpCheckUnderHostNetworkingProbesTheHostPort() {
        HealthCheck check = new HealthCheck("MESOS_HTTP", "/health", 1, null, null, 30, 10, 5, 2, null, 3, null);
        App app = app("/web").healthChecks(List.of(check))
                .portDefinitions(List.of(new PortDefinition(10000, "tcp", null, null),
                        new PortDefinition(10001, "tcp", null, null)))
                .build();

        io.mpaas.protocol.mesos.HealthCheck mesos = build(app, 31000, 31001).healthCheck();

        assertThat(mesos.type()).isEqualTo(io.mpaas.protocol.mesos.HealthCheck.Type.HTTP);
        assertThat(mesos.http().scheme()).isEqualTo("http");
        assertThat(mesos.http().port()).isEqualTo(31001L);
        assertThat(mesos.http().path()).isEqualTo("/health");
        assertThat(mesos.delaySeconds()).isEqualTo(3.0);
        assertThat(mesos.intervalSeconds()).isEqualTo(10.0);
        assertThat(mesos.timeoutSeconds()).isEqualTo(5.0);
        assertThat(mesos.consecutiveFailures()).isEqualTo(2);
        assertThat(mesos.gracePeriodSeconds()).isEqualTo(30.0);
    }

    @Test
    void aMesosHttpsCheckUnderBridgeNetworkingProbesTheContainerPort() {
        HealthCheck check = new HealthCheck("MESOS_HTTPS", null, 0, null, null, 300, 60, 20, 3, null, 15, null);
        App app = bridged(new PortMapping(8443, 0, 10000, "tcp", null, null, null)).toBuilder()
                .healthChecks(List.of(check)).build();

        io.mpaas.protocol.mesos.HealthCheck mesos = build(app, 31000).healthCheck();

        assertThat(mesos.http().scheme()).isEqualTo("https");
        assertThat(mesos.http().port()).isEqualTo(8443L);
        assertThat(mesos.http().path()).isEqualTo("/");
    }

    @Test
    void aMesosTcpCheckWithAnExplicitPortUsesIt() {
        HealthCheck check = new HealthCheck("MESOS_TCP", null, null, 9000, null, 300, 60, 20, 3, null, 15, null);

        io.mpaas.protocol.mesos.HealthCheck mesos = build(app("/web").healthChecks(List.of(check)).build(), 31000)
                .healthCheck();

        assertThat(mesos.type()).isEqualTo(io.mpaas.protocol.mesos.HealthCheck.Type.TCP);
        assertThat(mesos.tcp().port()).isEqualTo(9000L);
    }

    @Test
    void aCommandCheckRunsItsShellCommand() {
        HealthCheck check = new HealthCheck("COMMAND", null, null, null, new HealthCheck.Command("test -f /tmp/ok"),
                300, 60, 20, 3, null, 15, null);

        io.mpaas.protocol.mesos.HealthCheck mesos = build(app("/web").healthChecks(List.of(check)).build(), 31000)
                .healthCheck();

        assertThat(mesos.type()).isEqualTo(io.mpaas.protocol.mesos.HealthCheck.Type.COMMAND);
        assertThat(mesos.command().isShell()).isTrue();
        assertThat(mesos.command().value()).isEqualTo("test -f /tmp/ok");
    }

    @Test
    void marathonRunChecksStayOutOfTheTask() {
        HealthCheck http = new HealthCheck("HTTP", "/", 0, null, null, 300, 60, 20, 3, false, 15, null);
        HealthCheck tcp = new HealthCheck("TCP", null, 0, null, null, 300, 60, 20, 3, false, 15, null);

        assertThat(build(app("/web").healthChecks(List.of(http, tcp)).build(), 31000).healthCheck()).isNull();
    }

    @Test
    void discoveryListsTheReachablePortsPerProtocol() {
        App app = bridged(new PortMapping(80, 0, 10000, "udp,tcp", "dns", Map.of("VIP_0", "/dns:53"), null));

        DiscoveryInfo discovery = build(app, 31000).discovery();

        assertThat(discovery.name()).isEqualTo("web.prod");
        assertThat(discovery.visibility()).isEqualTo("FRAMEWORK");
        assertThat(discovery.ports().ports()).extracting(DiscoveryInfo.Port::number, DiscoveryInfo.Port::name,
                DiscoveryInfo.Port::protocol).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(31000L, "dns", "udp"),
                        org.assertj.core.groups.Tuple.tuple(31000L, "dns", "tcp"));
        assertThat(discovery.ports().ports().getFirst().labels().labels())
                .containsExactly(new Label("VIP_0", "/dns:53"));
    }
}
