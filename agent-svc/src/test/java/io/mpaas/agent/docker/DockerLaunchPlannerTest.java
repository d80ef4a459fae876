package io.mpaas.agent.docker;

import static io.mpaas.agent.docker.DockerLaunchSpecs.bridge;
import static io.mpaas.agent.docker.DockerLaunchSpecs.container;
import static io.mpaas.agent.docker.DockerLaunchSpecs.docker;
import static io.mpaas.agent.docker.DockerLaunchSpecs.privileged;
import static io.mpaas.agent.docker.DockerLaunchSpecs.spec;
import static io.mpaas.agent.docker.DockerLaunchSpecs.withParameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.DockerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.PortMapping;
import io.mpaas.protocol.mesos.ContainerInfo.Volume;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Parameter;
import io.mpaas.protocol.mesos.TaskState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a task becomes as a container: Mesos's {@code docker run} options, one decision per test. */
class DockerLaunchPlannerTest {

    private static final Path SANDBOX = Path.of("/var/lib/mesos/slaves/a/frameworks/f/executors/e/runs/c1");
    private static final String IMAGE = "mpaas/busybox:latest";

    private final DockerLaunchPlanner planner = new DockerLaunchPlanner(false, false, "/var/lib/mesos");

    private ContainerConfig plan(CommandInfo command, DockerInfo docker) throws LaunchFailure {
        return planner.plan(spec("c1", SANDBOX, command, container(docker)));
    }

    private static CommandInfo argv(String value, String... arguments) {
        return new CommandInfo(null, null, false, value, List.of(arguments), null);
    }

    private static LaunchFailure invalid(ThrowingPlan plan) {
        try {
            plan.run();
        } catch (LaunchFailure e) {
            assertThat(e.state()).isEqualTo(TaskState.TASK_ERROR);
            return e;
        }
        throw new AssertionError("the plan was accepted");
    }

    interface ThrowingPlan {
        void run() throws LaunchFailure;
    }

    @Nested
    class Command {
        @Test
        void aShellCommandRunsUnderBinShWhateverTheImageEntrypoint() throws LaunchFailure {
            ContainerConfig config = plan(CommandInfo.shell("echo hi && sleep 1"), docker(IMAGE));

            assertThat(config.entrypoint()).containsExactly("/bin/sh");
            assertThat(config.cmd()).containsExactly("-c", "echo hi && sleep 1");
        }

        @Test
        void withoutShellValueAndArgumentsAreHandedToTheImageEntrypoint() throws LaunchFailure {
            ContainerConfig config = plan(argv("httpd", "-f", "-p", "8080"), docker(IMAGE));

            assertThat(config.entrypoint()).isNull();
            assertThat(config.cmd()).containsExactly("httpd", "-f", "-p", "8080");
        }

        @Test
        void argumentsAloneAreTheCommand() throws LaunchFailure {
            ContainerConfig config = plan(argv(null, "--port", "80"), docker(IMAGE));

            assertThat(config.entrypoint()).isNull();
            assertThat(config.cmd()).containsExactly("--port", "80");
        }

        @Test
        void noCommandRunsTheImageDefaults() throws LaunchFailure {
            assertThat(plan(null, docker(IMAGE)).cmd()).isNull();
            ContainerConfig empty = plan(new CommandInfo(null, null, null, null, null, null), docker(IMAGE));
            assertThat(empty.entrypoint()).isNull();
            assertThat(empty.cmd()).isNull();
        }

        @Test
        void aShellCommandWithOnlyArgumentsIsRefused() {
            LaunchFailure failure = invalid(() -> plan(new CommandInfo(null, null, true, null, List.of("x"), null),
                    docker(IMAGE)));
            assertThat(failure).hasMessageContaining("command.value");
        }

        @Test
        void anImageIsRequired() {
            assertThat(invalid(() -> plan(CommandInfo.shell("x"), docker(" ")))).hasMessageContaining("image");
        }
    }

    @Test
    void nameLabelsAndEnvironmentIdentifyTheTaskAndPointMesosSandboxInside() throws LaunchFailure {
        ContainerConfig config = plan(CommandInfo.shell("env"), docker(IMAGE));

        assertThat(config.name()).isEqualTo("mesos-c1");
        assertThat(config.image()).isEqualTo(IMAGE);
        assertThat(config.labels()).containsEntry("io.mpaas.task-id", "task-c1")
                .containsEntry("io.mpaas.framework-id", "fw-1")
                .containsEntry("io.mpaas.agent-id", "agent-1")
                .containsEntry("io.mpaas.container-id", "c1")
                .containsEntry("io.mpaas.agent-work-dir", "/var/lib/mesos");
        assertThat(config.env()).containsEntry("MESOS_TASK_ID", "task-c1")
                .containsEntry("APP", "web")
                .containsEntry("MESOS_SANDBOX", "/mnt/mesos/sandbox")
                .containsEntry("MESOS_CONTAINER_NAME", "mesos-c1");
        assertThat(config.binds()).contains(SANDBOX + ":/mnt/mesos/sandbox:rw");
    }

    @Nested
    class Resources {
        @Test
        void cpusBecomeSharesWithAFloorOfTwoAndNoQuotaByDefault() throws LaunchFailure {
            assertThat(sharesFor(0.5)).isEqualTo(512);
            assertThat(sharesFor(1.25)).isEqualTo(1280);
            assertThat(sharesFor(0.001)).isEqualTo(2);
            ContainerConfig config = planner.plan(spec("c1", SANDBOX, null, container(docker(IMAGE)), 0.5, 0,
                    List.of()));
            assertThat(config.limits().cpuQuota()).isNull();
            assertThat(config.limits().memory()).isNull();
        }

        private Integer sharesFor(double cpus) throws LaunchFailure {
            return planner.plan(spec("c1", SANDBOX, null, container(docker(IMAGE)), cpus, 0, List.of()))
                    .limits().cpuShares();
        }

        @Test
        void cfsQuotaIsCpusTimesAHundredMillisecondPeriodWhenEnabled() throws LaunchFailure {
            DockerLaunchPlanner cfs = new DockerLaunchPlanner(false, true, "/w");

            ContainerConfig config = cfs.plan(spec("c1", SANDBOX, null, container(docker(IMAGE)), 1.5, 0, List.of()));

            assertThat(config.limits().cpuPeriod()).isEqualTo(100_000L);
            assertThat(config.limits().cpuQuota()).isEqualTo(150_000L);
        }

        @Test
        void memoryIsAHardLimitWithoutSwapAndAtLeast32Megabytes() throws LaunchFailure {
            ContainerConfig config = plan(null, docker(IMAGE));
            assertThat(config.limits().memory()).isEqualTo(64L * 1024 * 1024);
            assertThat(config.limits().memorySwap()).isEqualTo(64L * 1024 * 1024);

            ContainerConfig tiny = planner.plan(spec("c1", SANDBOX, null, container(docker(IMAGE)), 0.1, 4,
                    List.of()));
            assertThat(tiny.limits().memory()).isEqualTo(32L * 1024 * 1024);
        }
    }

    @Nested
    class Network {
        @Test
        void bridgePublishesEachMappingWithTcpByDefault() throws LaunchFailure {
            ContainerConfig config = plan(null, bridge(IMAGE, new PortMapping(31000L, 8080L, null),
                    new PortMapping(31001L, 53L, "tcp,udp")));

            assertThat(config.networkMode()).isEqualTo("bridge");
            assertThat(config.portBindings()).containsExactly(
                    new ContainerConfig.PortBinding(31000, 8080, "tcp"),
                    new ContainerConfig.PortBinding(31001, 53, "tcp"),
                    new ContainerConfig.PortBinding(31001, 53, "udp"));
        }

        @Test
        void aHostPortOutsideTheTaskResourcesIsRefused() {
            assertThat(invalid(() -> plan(null, bridge(IMAGE, new PortMapping(32000L, 80L, "tcp")))))
                    .hasMessage("Port [32000] not included in resources");
        }

        @Test
        void anUnknownProtocolIsRefused() {
            assertThat(invalid(() -> plan(null, bridge(IMAGE, new PortMapping(31000L, 80L, "icmp")))))
                    .hasMessageContaining("icmp");
        }

        @Test
        void hostNetworkingIsTheDefaultAndTakesNoPortMappings() throws LaunchFailure {
            DockerInfo unset = new DockerInfo(IMAGE, null, null, null, null, null, null);
            assertThat(plan(null, unset).networkMode()).isEqualTo("host");
            assertThat(plan(null, unset).portBindings()).isEmpty();

            DockerInfo hostWithPorts = new DockerInfo(IMAGE, DockerInfo.Network.HOST,
                    List.of(new PortMapping(31000L, 80L, null)), null, null, null, null);
            assertThat(invalid(() -> plan(null, hostWithPorts))).hasMessageContaining("BRIDGE or USER");
        }

        @Test
        void noneAndUserNetworks() throws LaunchFailure {
            DockerInfo none = new DockerInfo(IMAGE, DockerInfo.Network.NONE, null, null, null, null, null);
            assertThat(plan(null, none).networkMode()).isEqualTo("none");

            DockerInfo user = new DockerInfo(IMAGE, DockerInfo.Network.USER, null, null, null, null, null);
            ContainerInfo onNet = new ContainerInfo(ContainerInfo.Type.DOCKER, null, null, user, null,
                    List.of(new ContainerInfo.NetworkInfo(null, "apps", null, null, null)), null, null, null);
            assertThat(planner.plan(spec("c1", SANDBOX, null, onNet)).networkMode()).isEqualTo("apps");

            ContainerInfo noName = new ContainerInfo(ContainerInfo.Type.DOCKER, null, null, user, null, null, null,
                    null, null);
            assertThat(invalid(() -> planner.plan(spec("c1", SANDBOX, null, noName))))
                    .hasMessageContaining("network_infos");
        }
    }

    @Nested
    class Volumes {
        @Test
        void absoluteAndSandboxRelativePathsWithTheirModes() throws LaunchFailure {
            ContainerInfo container = container(docker(IMAGE), List.of(
                    new Volume("/etc/app", "/etc/host-app", Volume.Mode.RO, null, null),
                    new Volume("/data", "data", Volume.Mode.RW, null, null),
                    new Volume("cache", "/var/cache/app", null, null, null)));

            ContainerConfig config = planner.plan(spec("c1", SANDBOX, null, container));

            assertThat(config.binds()).containsExactly(
                    "/etc/host-app:/etc/app:ro",
                    SANDBOX + "/data:/data:rw",
                    "/var/cache/app:/mnt/mesos/sandbox/cache:rw",
                    SANDBOX + ":/mnt/mesos/sandbox:rw");
        }

        @Test
        void aRelativeHostPathMayNotLeaveTheSandbox() {
            ContainerInfo container = container(docker(IMAGE),
                    List.of(new Volume("/x", "../../etc", Volume.Mode.RW, null, null)));
            assertThat(invalid(() -> planner.plan(spec("c1", SANDBOX, null, container))))
                    .hasMessageContaining("leaves the sandbox");
        }

        @Test
        void bothRelativeIsRefusedAsInMesos() {
            ContainerInfo container = container(docker(IMAGE), List.of(new Volume("a", "b", Volume.Mode.RW, null,
                    null)));
            assertThat(invalid(() -> planner.plan(spec("c1", SANDBOX, null, container))))
                    .hasMessageContaining("are relative");
        }

        @Test
        void aDockerVolumeSourceIsANamedVolumeWithItsDriver() throws LaunchFailure {
            var source = MesosJson.mapper().readTree(
                    "{\"type\":\"DOCKER_VOLUME\",\"docker_volume\":{\"name\":\"pgdata\",\"driver\":\"local\"}}");
            ContainerInfo container = container(docker(IMAGE),
                    List.of(new Volume("/var/lib/pg", null, Volume.Mode.RW, null, source)));

            ContainerConfig config = planner.plan(spec("c1", SANDBOX, null, container));

            assertThat(config.binds()).contains("pgdata:/var/lib/pg:rw");
            assertThat(config.volumeDriver()).isEqualTo("local");
        }
    }

    @Test
    void privilegedIsRefusedUnlessTheAgentAllowsIt() throws LaunchFailure {
        LaunchSpec spec = spec("c1", SANDBOX, null, container(privileged(docker(IMAGE))));

        assertThat(invalid(() -> planner.plan(spec))).hasMessageContaining("privileged")
                .hasMessageContaining("allow-privileged");
        assertThat(new DockerLaunchPlanner(true, false, "/w").plan(spec).privileged()).isTrue();
        assertThat(planner.plan(spec("c1", SANDBOX, null, container(docker(IMAGE)))).privileged()).isFalse();
    }

    @Nested
    class Parameters {
        private ContainerConfig withParams(DockerInfo docker, Parameter... parameters) throws LaunchFailure {
            return plan(CommandInfo.shell("x"), withParameters(docker, parameters));
        }

        @Test
        void theSupportedSubsetMapsOntoContainerOptions() throws LaunchFailure {
            ContainerConfig config = withParams(bridge(IMAGE),
                    new Parameter("env", "APP=overridden"),
                    new Parameter("env", "EMPTY="),
                    new Parameter("label", "team=web"),
                    new Parameter("hostname", "web-1"),
                    new Parameter("user", "nobody"),
                    new Parameter("workdir", "/srv"),
                    new Parameter("init", "true"),
                    new Parameter("read-only", "true"),
                    new Parameter("stop-signal", "SIGQUIT"),
                    new Parameter("add-host", "db:10.0.0.5"),
                    new Parameter("dns", "10.0.0.2"),
                    new Parameter("dns-search", "corp"),
                    new Parameter("dns-opt", "ndots:2"),
                    new Parameter("cap-drop", "NET_RAW"),
                    new Parameter("ulimit", "nofile=1024:2048"),
                    new Parameter("sysctl", "net.core.somaxconn=1024"),
                    new Parameter("log-driver", "json-file"),
                    new Parameter("log-opt", "max-size=10m"),
                    new Parameter("memory-reservation", "32m"),
                    new Parameter("memory-swappiness", "0"),
                    new Parameter("shm-size", "1g"),
                    new Parameter("pids-limit", "100"),
                    new Parameter("oom-score-adj", "500"),
                    new Parameter("tmpfs", "/run:size=64m"),
                    new Parameter("volume", "/srv/shared:/shared:ro"),
                    new Parameter("entrypoint", "/usr/bin/env"));

            assertThat(config.env()).containsEntry("APP", "overridden").containsEntry("EMPTY", "");
            assertThat(config.labels()).containsEntry("team", "web");
            assertThat(config.hostname()).isEqualTo("web-1");
            assertThat(config.user()).isEqualTo("nobody");
            assertThat(config.workingDir()).isEqualTo("/srv");
            assertThat(config.init()).isTrue();
            assertThat(config.readOnlyRootfs()).isTrue();
            assertThat(config.stopSignal()).isEqualTo("SIGQUIT");
            assertThat(config.extraHosts()).containsExactly("db:10.0.0.5");
            assertThat(config.dns()).containsExactly("10.0.0.2");
            assertThat(config.dnsSearch()).containsExactly("corp");
            assertThat(config.dnsOptions()).containsExactly("ndots:2");
            assertThat(config.capDrop()).containsExactly("NET_RAW");
            assertThat(config.ulimits()).containsExactly(new ContainerConfig.Ulimit("nofile", 1024, 2048));
            assertThat(config.sysctls()).containsEntry("net.core.somaxconn", "1024");
            assertThat(config.logDriver()).isEqualTo("json-file");
            assertThat(config.logOptions()).containsEntry("max-size", "10m");
            assertThat(config.limits().memoryReservation()).isEqualTo(32L * 1024 * 1024);
            assertThat(config.limits().memorySwappiness()).isZero();
            assertThat(config.limits().shmSize()).isEqualTo(1024L * 1024 * 1024);
            assertThat(config.limits().pidsLimit()).isEqualTo(100);
            assertThat(config.limits().oomScoreAdj()).isEqualTo(500);
            assertThat(config.tmpfs()).containsEntry("/run", "size=64m");
            assertThat(config.binds()).contains("/srv/shared:/shared:ro");
            assertThat(config.entrypoint()).containsExactly("/usr/bin/env");
        }

        @Test
        void anUnknownKeyIsRefusedNamingTheKeyAndTheSupportedOnes() {
            LaunchFailure failure = invalid(() -> withParams(docker(IMAGE), new Parameter("device", "/dev/fuse")));

            assertThat(failure).hasMessageStartingWith("unsupported docker parameter 'device'; supported: ")
                    .hasMessageContaining("env, hostname");
        }

        @Test
        void keysTheAgentDerivesFromTheTaskAreRefusedWithTheReason() {
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("memory", "1g"))))
                    .hasMessageContaining("'memory' is set by the agent from the task");
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("privileged", "true"))))
                    .hasMessageContaining("'privileged' is set by the agent");
        }

        @Test
        void badValuesAreRefusedNamingTheKey() {
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("env", "NOVALUE"))))
                    .hasMessageContaining("'env' must be name=value");
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("label", "io.mpaas.task-id=x"))))
                    .hasMessageContaining("reserved");
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("shm-size", "lots"))))
                    .hasMessageContaining("'shm-size' must be a size");
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("cap-drop", "FLY"))))
                    .hasMessageContaining("unknown capability 'FLY'");
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("hostname", "h"))))
                    .hasMessageContaining("HOST networking");
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("log-driver", "carrier-pigeon"))))
                    .hasMessageContaining("carrier-pigeon");
        }

        @Test
        void capAddNeedsThePrivilegedPermission() throws LaunchFailure {
            assertThat(invalid(() -> withParams(docker(IMAGE), new Parameter("cap-add", "NET_ADMIN"))))
                    .hasMessageContaining("allow-privileged");

            ContainerConfig config = new DockerLaunchPlanner(true, false, "/w").plan(spec("c1", SANDBOX, null,
                    container(withParameters(docker(IMAGE), new Parameter("cap-add", "cap_net_admin")))));
            assertThat(config.capAdd()).containsExactly("NET_ADMIN");
        }
    }
}
