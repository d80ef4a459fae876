package io.mpaas.agent.docker;

import static io.mpaas.agent.docker.DockerLaunchSpecs.bridge;
import static io.mpaas.agent.docker.DockerLaunchSpecs.container;
import static io.mpaas.agent.docker.DockerLaunchSpecs.docker;
import static io.mpaas.agent.docker.DockerLaunchSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.agent.container.Recovery;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.PortMapping;
import io.mpaas.protocol.mesos.ResourceStatistics;
import io.mpaas.protocol.mesos.TaskState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The containerizer against the real Docker engine with the locally built
 * {@code mpaas/busybox} image (nothing can be pulled here). Each test has its own agent work
 * directory, so its containers carry their own work-dir label and are removed by it
 * afterwards, whatever the test left behind.
 */
class DockerContainerizerIT {

    private static final String IMAGE = "mpaas/busybox:latest";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path agentWorkDir;

    private final Clock clock = Clock.systemUTC();
    private DockerJavaEngine engine;
    private DockerContainerizer containerizer;

    @BeforeEach
    void engineAnswers() {
        engine = new DockerJavaEngine(DockerProperties.defaults());
        try {
            engine.ping();
        } catch (DockerEngineException e) {
            fail("These tests need the Docker engine at " + engine.host() + " (run scripts/test-env.sh): "
                    + e.getMessage());
        }
        assertThat(engine.imageExists(IMAGE)).as("the locally built image %s (scripts/test-env.sh builds it)", IMAGE)
                .isTrue();
        containerizer = new DockerContainerizer(engine, DockerProperties.defaults(), agentWorkDir, clock);
    }

    @AfterEach
    void removeThisTestsContainers() throws IOException {
        for (String identity : List.of(containerizer.workDirIdentity(), otherAgentWorkDir().toString())) {
            for (DockerEngine.ContainerSummary container : engine.list(ContainerLabel.AGENT_WORK_DIR.key(), identity)) {
                engine.remove(container.name());
            }
        }
        engine.close();
    }

    private Path otherAgentWorkDir() {
        return agentWorkDir.resolve("other-agent");
    }

    private static String newId() {
        return "it-" + UUID.randomUUID();
    }

    private LaunchSpec task(String id, CommandInfo command, ContainerInfo container, double mem, List<Long> ports)
            throws IOException {
        Path sandbox = Files.createDirectories(agentWorkDir.resolve("sandboxes").resolve(id));
        return spec(id, sandbox, command, container, 0.1, mem, ports);
    }

    private LaunchSpec shellTask(String command) throws IOException {
        return task(newId(), CommandInfo.shell(command), container(docker(IMAGE)), 32, List.of());
    }

    /** A port in the range the agent offers (31000-32000) that nothing on this host holds now. */
    private static long freeHostPort() {
        int start = ThreadLocalRandom.current().nextInt(1000);
        for (int i = 0; i < 1000; i++) {
            int port = 31000 + (start + i) % 1000;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // next
            }
        }
        throw new IllegalStateException("no free port in 31000-32000");
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().trim();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    @Test
    void aWebServerOnABridgeNetworkAnswersOnItsHostPortAndItsContainerAddress() throws Exception {
        long hostPort = freeHostPort();
        LaunchSpec spec = task(newId(), CommandInfo.shell("httpd -f -p 8080"),
                container(bridge(IMAGE, new PortMapping(hostPort, 8080L, "tcp"))), 32, List.of(hostPort));

        ContainerHandle handle = containerizer.launch(spec);

        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(http, "http://127.0.0.1:" + hostPort + "/"), "200 ok"::equals);
            InetSocketAddress probe = handle.probeAddress(8080);
            assertThat(probe.getAddress().isLoopbackAddress()).isFalse();
            assertThat(get(http, "http://" + probe.getHostString() + ":" + probe.getPort() + "/")).isEqualTo("200 ok");
        }
        assertThat(handle.pid()).hasValueSatisfying(pid -> assertThat(pid).isPositive());
    }

    @Test
    void exitStatusesAndStderrReachTheAgent() throws Exception {
        LaunchSpec ok = shellTask("echo fine; exit 0");
        LaunchSpec bad = shellTask("echo about to fail; echo 'cannot open /etc/app.conf' >&2; exit 3");

        ContainerExit okExit = containerizer.launch(ok).awaitExit();
        ContainerExit badExit = containerizer.launch(bad).awaitExit();

        assertThat(okExit.exitCode()).isZero();
        assertThat(okExit.killed()).isFalse();
        assertThat(okExit.finishedAt()).isNotNull();
        assertThat(ok.sandbox().resolve("stdout")).hasContent("fine");
        assertThat(badExit.exitCode()).isEqualTo(3);
        assertThat(bad.sandbox().resolve("stderr")).hasContent("cannot open /etc/app.conf");
        assertThat(bad.sandbox().resolve("stdout")).hasContent("about to fail");
    }

    @Test
    void killSendsTermFirstAndWaitsForTheGracePeriod() throws Exception {
        LaunchSpec spec = shellTask("trap 'echo term > /mnt/mesos/sandbox/got-term; exit 0' TERM; "
                + "echo ready > /mnt/mesos/sandbox/ready; while true; do sleep 0.1; done");
        ContainerHandle handle = containerizer.launch(spec);
        await().atMost(DEADLINE).until(() -> Files.exists(spec.sandbox().resolve("ready")));

        handle.kill(Duration.ofSeconds(20));
        ContainerExit exit = handle.awaitExit();

        assertThat(spec.sandbox().resolve("got-term")).hasContent("term");
        assertThat(exit.killed()).isTrue();
        assertThat(exit.exitCode()).as("the trap's exit, not SIGKILL's 137").isZero();
    }

    @Test
    void theMemoryLimitIsAppliedWithoutSwap() throws Exception {
        LaunchSpec spec = task(newId(), CommandInfo.shell("sleep 300"), container(docker(IMAGE)), 64, List.of());

        containerizer.launch(spec);

        ContainerDetails details = engine.inspect(DockerContainerizer.containerName(spec.containerId())).orElseThrow();
        assertThat(details.memoryLimit()).isEqualTo(64L * 1024 * 1024);
        assertThat(details.cpuShares()).isEqualTo(102);
        assertThat(details.labels()).containsEntry("io.mpaas.agent-work-dir", containerizer.workDirIdentity())
                .containsEntry("io.mpaas.container-id", spec.containerId().value());
    }

    @Test
    void anImageThatCannotBePulledIsTaskError() throws Exception {
        LaunchSpec spec = task(newId(), CommandInfo.shell("true"), container(docker("mpaas/does-not-exist:1")), 32,
                List.of());

        LaunchFailure failure = launchFailure(spec);

        assertThat(failure.state()).isEqualTo(TaskState.TASK_ERROR);
        assertThat(failure).hasMessageContaining("mpaas/does-not-exist:1");
        assertThat(engine.inspect(DockerContainerizer.containerName(spec.containerId()))).isEmpty();
    }

    @Test
    void aTakenHostPortFailsTheLaunchAndLeavesNoContainer() throws Exception {
        long hostPort = freeHostPort();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", (int) hostPort));
            LaunchSpec spec = task(newId(), CommandInfo.shell("httpd -f -p 8080"),
                    container(bridge(IMAGE, new PortMapping(hostPort, 8080L, null))), 32, List.of(hostPort));

            LaunchFailure failure = launchFailure(spec);

            assertThat(failure.state()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(failure).hasMessageContaining(String.valueOf(hostPort));
            assertThat(engine.inspect(DockerContainerizer.containerName(spec.containerId()))).isEmpty();
        }
    }

    @Test
    void aCommandThatDoesNotExistFailsTheLaunchAndLeavesNoContainer() throws Exception {
        LaunchSpec spec = task(newId(), new CommandInfo(null, null, false, "/no/such/binary", null, null),
                container(docker(IMAGE)), 32, List.of());

        LaunchFailure failure = launchFailure(spec);

        assertThat(failure.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failure).hasMessageContaining("/no/such/binary");
        assertThat(engine.inspect(DockerContainerizer.containerName(spec.containerId()))).isEmpty();
    }

    private LaunchFailure launchFailure(LaunchSpec spec) throws InterruptedException {
        try {
            containerizer.launch(spec);
        } catch (LaunchFailure e) {
            return e;
        }
        throw new AssertionError("the launch succeeded");
    }

    @Test
    void aSecondContainerizerOverTheSameWorkDirRecoversKnownContainersAndRemovesOrphans() throws Exception {
        LaunchSpec known = shellTask("echo before restart; sleep 300");
        LaunchSpec orphan = shellTask("sleep 300");
        containerizer.launch(known);
        containerizer.launch(orphan);
        DockerContainerizer otherAgent = new DockerContainerizer(engine, DockerProperties.defaults(),
                otherAgentWorkDir(), clock);
        LaunchSpec foreign = shellTask("sleep 300");
        otherAgent.launch(foreign);
        await().atMost(DEADLINE).until(() -> Files.readString(known.sandbox().resolve("stdout")).contains("before"));

        DockerContainerizer restarted = new DockerContainerizer(engine, DockerProperties.defaults(), agentWorkDir,
                clock);
        Recovery recovery = restarted.recover(Set.of(known.containerId(), ContainerId.of("it-vanished")));

        assertThat(recovery.found()).containsOnlyKeys(known.containerId());
        assertThat(recovery.orphansKilled()).containsExactly(DockerContainerizer.containerName(orphan.containerId()));
        assertThat(engine.inspect(DockerContainerizer.containerName(orphan.containerId()))).isEmpty();
        assertThat(engine.inspect(DockerContainerizer.containerName(foreign.containerId())))
                .hasValueSatisfying(details -> assertThat(details.running()).isTrue());

        ContainerHandle recovered = recovery.found().get(known.containerId());
        recovered.kill(Duration.ofSeconds(1));
        assertThat(recovered.awaitExit().killed()).isTrue();
    }

    @Test
    void execRunsInTheContainerWithItsEnvironmentAndTimesOutCleanly() throws Exception {
        ContainerHandle handle = containerizer.launch(shellTask("sleep 300"));

        ExecResult result = handle.exec("echo \"hello $WHO\"; echo to-stderr >&2; exit 2", Map.of("WHO", "probe"),
                Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.output()).contains("hello probe").contains("to-stderr");

        ExecResult slow = handle.exec("sleep 31", Map.of(), Duration.ofMillis(500));
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.exitCode()).isNull();
        await().atMost(DEADLINE).until(() -> handle.exec("ps | grep -c '[s]leep 31'", Map.of(), Duration.ofSeconds(5))
                .output().trim(), "0"::equals);
    }

    @Test
    void statisticsReportMemoryInUse() throws Exception {
        ContainerHandle handle = containerizer.launch(shellTask("sleep 300"));

        ResourceStatistics stats = handle.statistics().orElseThrow();

        assertThat(stats.memTotalBytes()).isPositive();
        assertThat(stats.memLimitBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(stats.cpusLimit()).isEqualTo(0.1);
        assertThat(stats.timestamp()).isPositive();
    }
}
