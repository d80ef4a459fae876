package io.mpaas.agent.docker;

import static io.mpaas.agent.docker.DockerLaunchSpecs.bridge;
import static io.mpaas.agent.docker.DockerLaunchSpecs.container;
import static io.mpaas.agent.docker.DockerLaunchSpecs.docker;
import static io.mpaas.agent.docker.DockerLaunchSpecs.forcePull;
import static io.mpaas.agent.docker.DockerLaunchSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ContainerKind;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.agent.container.Recovery;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ContainerInfo.PortMapping;
import io.mpaas.protocol.mesos.ResourceStatistics;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.testkit.time.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The containerizer's decisions against an in-memory engine: pulls, failures, handles, recovery. */
class DockerContainerizerTest {

    private static final String IMAGE = "mpaas/busybox:latest";

    @TempDir
    Path workDir;

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final MutableClock clock = MutableClock.startingAt("2025-06-01T12:00:00Z");

    private DockerContainerizer containerizer(DockerProperties properties) {
        return new DockerContainerizer(engine, properties, workDir, clock);
    }

    private DockerContainerizer containerizer() {
        return containerizer(DockerProperties.defaults());
    }

    private LaunchSpec task(String id, CommandInfo command) throws Exception {
        Path sandbox = Files.createDirectories(workDir.resolve("sandboxes").resolve(id));
        return spec(id, sandbox, command, container(docker(IMAGE)));
    }

    private static LaunchFailure failure(ThrowingLaunch launch) throws Exception {
        try {
            launch.run();
        } catch (LaunchFailure e) {
            return e;
        }
        throw new AssertionError("the launch succeeded");
    }

    interface ThrowingLaunch {
        void run() throws Exception;
    }

    /** The log follower writes into the sandbox on its own thread: let it begin before the test's directory goes. */
    private static void awaitLogFiles(Path... sandboxes) {
        for (Path sandbox : sandboxes) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(sandbox.resolve("stdout")) && Files.exists(sandbox.resolve("stderr")));
        }
    }

    @Test
    void isTheDockerKind() {
        assertThat(containerizer().kind()).isEqualTo(ContainerKind.DOCKER);
    }

    @Test
    void launchCreatesAndStartsTheContainerTheTaskDescribes() throws Exception {
        engine.images.add(IMAGE);

        ContainerHandle handle = containerizer().launch(task("c1", CommandInfo.shell("sleep 10")));

        assertThat(handle.id()).isEqualTo(ContainerId.of("c1"));
        ContainerConfig config = engine.created("mesos-c1");
        assertThat(config.cmd()).containsExactly("-c", "sleep 10");
        assertThat(config.labels()).containsEntry("io.mpaas.agent-work-dir", workDir.toString());
        assertThat(engine.containers.get("mesos-c1").running).isTrue();
        assertThat(engine.pulls).isEmpty();
    }

    /** The container is created while the gate is closed and started only once it opens. */
    @Test
    void theContainerStartsOnlyOnceTheStartGateOpens() throws Exception {
        engine.images.add(IMAGE);
        List<Boolean> runningAtTheGate = new ArrayList<>();

        containerizer().launch(task("c1", CommandInfo.shell("sleep 10")), () -> {
            assertThat(engine.created("mesos-c1")).isNotNull();
            runningAtTheGate.add(engine.containers.get("mesos-c1").running);
        });

        assertThat(runningAtTheGate).containsExactly(false);
        assertThat(engine.containers.get("mesos-c1").running).isTrue();
    }

    /** A gate that fails (the launch checkpoint could not be written) leaves no container behind. */
    @Test
    void aFailingStartGateRemovesTheCreatedContainer() {
        engine.images.add(IMAGE);

        assertThatThrownBy(() -> containerizer().launch(task("c1", CommandInfo.shell("sleep 10")), () -> {
            throw LaunchFailure.failed("Cannot checkpoint the task: disk full", null);
        })).isInstanceOf(LaunchFailure.class).hasMessageContaining("disk full");

        assertThat(engine.containers).doesNotContainKey("mesos-c1");
        assertThat(engine.removed).contains("mesos-c1");
    }

    @Test
    void aDirectLaunchThroughTheFakeReachesTheEngineAsPlanned() throws Exception {
        engine.images.add(IMAGE);
        Path sandbox = Files.createDirectories(workDir.resolve("s"));
        LaunchSpec spec = spec("web", sandbox, null, container(bridge(IMAGE, new PortMapping(31000L, 8080L, null))));

        containerizer().launch(spec);

        ContainerConfig config = engine.created("mesos-web");
        assertThat(config.networkMode()).isEqualTo("bridge");
        assertThat(config.portBindings()).containsExactly(new ContainerConfig.PortBinding(31000, 8080, "tcp"));
        assertThat(config.limits().cpuShares()).isEqualTo(512);
        assertThat(FakeDockerEngine.sandboxOf(config)).startsWith(sandbox.toString());
    }

    @Nested
    class Pulling {
        @Test
        void aMissingImageIsPulled() throws Exception {
            containerizer().launch(task("c1", null));

            assertThat(engine.pulls).containsExactly(IMAGE);
        }

        @Test
        void aPresentImageIsPulledOnlyWhenForced() throws Exception {
            engine.images.add(IMAGE);
            containerizer().launch(task("c1", null));
            assertThat(engine.pulls).isEmpty();

            Path sandbox = Files.createDirectories(workDir.resolve("c2"));
            containerizer().launch(spec("c2", sandbox, null, container(forcePull(docker(IMAGE)))));
            assertThat(engine.pulls).containsExactly(IMAGE);
        }

        @Test
        void aBurstOfLaunchesOfOneImageAsksTheEngineOnceWithinTheFewSecondsTheAnswerIsKept() throws Exception {
            engine.images.add(IMAGE);
            DockerContainerizer containerizer = containerizer();
            containerizer.launch(task("c1", null));
            containerizer.launch(task("c2", null));
            assertThat(engine.imageChecks).containsExactly(IMAGE);

            clock.advance(ImagePuller.PRESENCE_TTL);
            containerizer.launch(task("c3", null));
            assertThat(engine.imageChecks).containsExactly(IMAGE, IMAGE);
            assertThat(engine.containers).containsKeys("mesos-c1", "mesos-c2", "mesos-c3");
            awaitLogFiles(workDir.resolve("sandboxes/c1"), workDir.resolve("sandboxes/c2"),
                    workDir.resolve("sandboxes/c3"));
        }

        @Test
        void anImageRemovedSinceItWasLastSeenIsLookedForAndPulledAgain() throws Exception {
            engine.images.add(IMAGE);
            DockerContainerizer containerizer = containerizer();
            containerizer.launch(task("c1", null));
            engine.images.remove(IMAGE);

            containerizer.launch(task("c2", null));

            assertThat(engine.pulls).containsExactly(IMAGE);
            assertThat(engine.containers.get("mesos-c2").running).isTrue();
            awaitLogFiles(workDir.resolve("sandboxes/c1"), workDir.resolve("sandboxes/c2"));
        }

        @Test
        void aForcedPullAsksTheEngineAndPullsEveryTime() throws Exception {
            engine.images.add(IMAGE);
            DockerContainerizer containerizer = containerizer();
            for (String id : List.of("c1", "c2")) {
                Path sandbox = Files.createDirectories(workDir.resolve(id));
                containerizer.launch(spec(id, sandbox, null, container(forcePull(docker(IMAGE)))));
            }
            assertThat(engine.imageChecks).containsExactly(IMAGE, IMAGE);
            assertThat(engine.pulls).containsExactly(IMAGE, IMAGE);
            awaitLogFiles(workDir.resolve("c1"), workDir.resolve("c2"));
        }

        @Test
        void anImageThatCannotBePulledIsTheTasksError() throws Exception {
            engine.pullOutcome = FakeDockerEngine.PullOutcome.FAIL;

            LaunchFailure failure = failure(() -> containerizer().launch(task("c1", null)));

            assertThat(failure.state()).isEqualTo(TaskState.TASK_ERROR);
            assertThat(failure.reason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
            assertThat(failure).hasMessageContaining(IMAGE).hasMessageContaining("repository does not exist");
            assertThat(engine.containers).isEmpty();
        }

        @Test
        void aFailedForcedPullFallsBackToTheLocalCopy() throws Exception {
            engine.images.add(IMAGE);
            engine.pullOutcome = FakeDockerEngine.PullOutcome.FAIL;
            Path sandbox = Files.createDirectories(workDir.resolve("c1"));

            containerizer().launch(spec("c1", sandbox, null, container(forcePull(docker(IMAGE)))));

            assertThat(engine.pulls).containsExactly(IMAGE);
            assertThat(engine.containers.get("mesos-c1").running).isTrue();
        }

        @Test
        void aPullLongerThanTheRegistrationTimeoutFailsWithThatReasonAndIsAbandoned() throws Exception {
            engine.pullOutcome = FakeDockerEngine.PullOutcome.HANG;
            DockerContainerizer containerizer = containerizer(
                    DockerProperties.defaults().withRegistrationTimeout(Duration.ofMillis(50)));

            LaunchFailure failure = failure(() -> containerizer.launch(task("c1", null)));

            assertThat(failure.state()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(failure.reason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
            assertThat(failure).hasMessageContaining(IMAGE).hasMessageContaining("0.05s");
            // Under load the abandoned pull's thread may not have started by the deadline; then it never
            // calls the engine at all. If it did, it must have been interrupted.
            assertThat(engine.pullInterrupted.await(5, TimeUnit.SECONDS) || engine.pulls.isEmpty())
                    .as("the pull was interrupted or never started").isTrue();
            assertThat(engine.containers).isEmpty();
        }
    }

    @Test
    void anEngineThatIsDownFailsTheLaunchNamingTheEngine() throws Exception {
        engine.down = true;

        LaunchFailure failure = failure(() -> containerizer().launch(task("c1", null)));

        assertThat(failure.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failure).hasMessageStartingWith("Docker engine at " + FakeDockerEngine.HOST + " does not answer");
    }

    @Test
    void aFailedStartRemovesTheCreatedContainer() throws Exception {
        engine.images.add(IMAGE);
        engine.startError = "Bind for 0.0.0.0:31000 failed: port is already allocated";

        LaunchFailure failure = failure(() -> containerizer().launch(task("c1", CommandInfo.shell("true"))));

        assertThat(failure.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failure).hasMessageContaining("port is already allocated");
        assertThat(engine.removed).containsExactly("mesos-c1");
        assertThat(engine.containers).isEmpty();
    }

    @Test
    void aTaskFaultIsReportedBeforeTheEngineIsAsked() throws Exception {
        engine.down = true;
        Path sandbox = Files.createDirectories(workDir.resolve("c1"));

        LaunchFailure failure = failure(() -> containerizer().launch(
                spec("c1", sandbox, null, container(DockerLaunchSpecs.privileged(docker(IMAGE))))));

        assertThat(failure.state()).isEqualTo(TaskState.TASK_ERROR);
    }

    @Nested
    class Availability {
        @Test
        void anEngineTooBusyToAnswerThePingInTimeIsStillAvailable() {
            engine.slowPing = new CountDownLatch(1);
            try {
                assertThat(containerizer().available()).isTrue();
            } finally {
                engine.slowPing.countDown();
            }
        }

        @Test
        void anAnswerIsReusedForAFewSeconds() {
            DockerContainerizer containerizer = containerizer();

            assertThat(containerizer.available()).isTrue();
            engine.down = true;
            assertThat(containerizer.available()).as("cached").isTrue();
            assertThat(engine.pings).hasValue(1);

            clock.advance(DockerContainerizer.AVAILABILITY_TTL);
            assertThat(containerizer.available()).isFalse();
            assertThat(engine.pings).hasValue(2);

            engine.down = false;
            clock.advance(Duration.ofSeconds(1));
            assertThat(containerizer.available()).as("still cached").isFalse();
            clock.advance(DockerContainerizer.AVAILABILITY_TTL);
            assertThat(containerizer.available()).isTrue();
        }
    }

    @Nested
    class Handle {
        @Test
        void anExitIsReadFromTheEngineAndTheLogsReachTheSandbox() throws Exception {
            engine.images.add(IMAGE);
            engine.nextStdout = "hello\n";
            engine.nextStderr = "boom\n";
            LaunchSpec spec = task("c1", CommandInfo.shell("echo hello; echo boom >&2; exit 3"));
            ContainerHandle handle = containerizer().launch(spec);

            engine.containers.get("mesos-c1").exit(3);
            ContainerExit exit = handle.awaitExit();

            assertThat(exit.exitCode()).isEqualTo(3);
            assertThat(exit.killed()).isFalse();
            assertThat(exit.finishedAt()).isNotNull();
            assertThat(handle.awaitExit()).isSameAs(exit);
            assertThat(spec.sandbox().resolve("stdout")).hasContent("hello");
            assertThat(spec.sandbox().resolve("stderr")).hasContent("boom");
        }

        @Test
        void killStopsWithTheGraceRoundedUpToSecondsAndMarksTheExitKilled() throws Exception {
            engine.images.add(IMAGE);
            ContainerHandle handle = containerizer().launch(task("c1", CommandInfo.shell("sleep 100")));

            handle.kill(Duration.ofMillis(2500));

            assertThat(engine.stops).containsExactly(new FakeDockerEngine.Stop("mesos-c1", Duration.ofSeconds(3)));
            ContainerExit exit = handle.awaitExit();
            assertThat(exit.killed()).isTrue();
            assertThat(exit.exitCode()).isEqualTo(143);
        }

        @Test
        void killingAContainerThatIsGoneIsFine() throws Exception {
            engine.images.add(IMAGE);
            ContainerHandle handle = containerizer().launch(task("c1", CommandInfo.shell("sleep 100")));
            engine.remove("mesos-c1");

            handle.kill(Duration.ofSeconds(1));

            assertThat(handle.awaitExit().message()).contains("mesos-c1");
        }

        @Test
        void execWrapsTheCommandSoATimedOutOneCanBeKilled() throws Exception {
            engine.images.add(IMAGE);
            ContainerHandle handle = containerizer().launch(task("c1", CommandInfo.shell("sleep 100")));

            engine.execOutput = new DockerEngine.ExecOutput(0, false, "17\nhealthy\n", "warn\n");
            ExecResult ok = handle.exec("curl -f localhost", Map.of("X", "1"), Duration.ofSeconds(1));
            assertThat(ok.succeeded()).isTrue();
            assertThat(ok.output()).isEqualTo("healthy\nwarn\n");
            assertThat(engine.execs.getFirst()).containsSequence("/bin/sh", "-c").endsWith("curl -f localhost");

            engine.execOutput = new DockerEngine.ExecOutput(null, true, "18\n", "");
            ExecResult slow = handle.exec("sleep 60", Map.of(), Duration.ofMillis(10));
            assertThat(slow.timedOut()).isTrue();
            assertThat(slow.exitCode()).isNull();
            assertThat(engine.execs.getLast()).containsExactly("/bin/sh", "-c", "kill -KILL 18");
        }

        @Test
        void aBridgeContainerIsProbedAtItsOwnAddressAHostOneOnLoopback() throws Exception {
            engine.images.add(IMAGE);
            Path sandbox = Files.createDirectories(workDir.resolve("b"));
            ContainerHandle bridged = containerizer().launch(spec("b", sandbox, null, container(bridge(IMAGE))));
            ContainerHandle host = containerizer().launch(task("h", null));

            assertThat(bridged.probeAddress(8080)).isEqualTo(new InetSocketAddress("172.17.0.5", 8080));
            assertThat(host.probeAddress(31000)).isEqualTo(new InetSocketAddress("127.0.0.1", 31000));
        }

        @Test
        void statisticsAndPidComeFromTheEngine() throws Exception {
            engine.images.add(IMAGE);
            ContainerHandle handle = containerizer().launch(task("c1", null));
            engine.stats = new ContainerStats(2_000_000_000L, 500_000_000L, 10L, 1L, 3_000_000L, 50_000_000L,
                    67_108_864L, 10_000_000L, 30_000_000L, 4L, 1000L, 2000L);

            ResourceStatistics stats = handle.statistics().orElseThrow();

            assertThat(stats.timestamp()).isEqualTo(clock.millis() / 1000.0);
            assertThat(stats.cpusUserTimeSecs()).isEqualTo(2.0);
            assertThat(stats.cpusSystemTimeSecs()).isEqualTo(0.5);
            assertThat(stats.cpusLimit()).isEqualTo(0.5);
            assertThat(stats.memRssBytes()).isEqualTo(30_000_000L);
            assertThat(stats.memLimitBytes()).isEqualTo(67_108_864L);
            assertThat(stats.memCacheBytes()).isEqualTo(10_000_000L);
            assertThat(stats.netRxBytes()).isEqualTo(1000L);
            assertThat(stats.netTxBytes()).isEqualTo(2000L);
            assertThat(handle.pid()).contains(4242L);
        }
    }

    @Nested
    class Recovering {
        @Test
        void knownContainersComeBackOrphansAreRemovedForeignOnesAreUntouched() throws Exception {
            engine.images.add(IMAGE);
            DockerContainerizer first = containerizer();
            LaunchSpec running = task("running", CommandInfo.shell("sleep 100"));
            first.launch(running);
            first.launch(task("exited", CommandInfo.shell("exit 4")));
            engine.containers.get("mesos-exited").exit(4);
            first.launch(task("orphan", CommandInfo.shell("sleep 100")));
            engine.put("mesos-other-agent", Map.of("io.mpaas.agent-work-dir", "/var/lib/other-agent",
                    "io.mpaas.container-id", "other-agent"), true);
            engine.put("mesos-manual", Map.of(), true);

            DockerContainerizer second = containerizer();
            Recovery recovery = second.recover(Set.of(ContainerId.of("running"), ContainerId.of("exited"),
                    ContainerId.of("vanished")));

            assertThat(recovery.found()).containsOnlyKeys(ContainerId.of("running"), ContainerId.of("exited"));
            assertThat(recovery.orphansKilled()).containsExactly("mesos-orphan");
            assertThat(engine.removed).containsExactly("mesos-orphan");
            assertThat(engine.containers).containsKeys("mesos-other-agent", "mesos-manual");

            ContainerExit exited = recovery.found().get(ContainerId.of("exited")).awaitExit();
            assertThat(exited.exitCode()).isEqualTo(4);
            engine.stats = new ContainerStats(null, null, null, null, null, 1L, 2L, null, null, null, null, null);
            ResourceStatistics stats = recovery.found().get(ContainerId.of("running")).statistics().orElseThrow();
            assertThat(stats.cpusLimit()).as("read back from the shares").isEqualTo(0.5);
        }

        @Test
        void anEngineThatIsDownRecoversNothingAndKillsNothing() throws Exception {
            engine.down = true;

            Recovery recovery = containerizer().recover(Set.of(ContainerId.of("c1")));

            assertThat(recovery.found()).isEmpty();
            assertThat(recovery.orphansKilled()).isEmpty();
        }
    }

    @Test
    void removeIgnoresUnknownContainers() throws Exception {
        engine.images.add(IMAGE);
        DockerContainerizer containerizer = containerizer();
        containerizer.launch(task("c1", null));

        containerizer.remove(ContainerId.of("c1"));
        containerizer.remove(ContainerId.of("c1"));
        containerizer.remove(ContainerId.of("never"));

        assertThat(engine.removed).containsExactly("mesos-c1");
        assertThatThrownBy(() -> engine.created("mesos-c1")).isInstanceOf(AssertionError.class);
    }

    @Test
    void containerNamesAreMesoss() {
        assertThat(DockerContainerizer.containerName(ContainerId.of("abc"))).isEqualTo("mesos-abc");
        assertThat(List.of(containerizer().workDirIdentity())).containsExactly(workDir.toString());
    }
}
