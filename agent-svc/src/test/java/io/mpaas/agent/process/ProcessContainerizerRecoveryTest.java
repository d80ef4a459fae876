package io.mpaas.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.agent.container.Recovery;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.testkit.time.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent restart, simulated by a second containerizer over the same state directory: what
 * the first one launched is found again, running or ended, and what nobody knows is killed.
 */
@Timeout(60)
class ProcessContainerizerRecoveryTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final List<ContainerHandle> handles = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ContainerHandle handle : handles) {
            handle.kill(Duration.ZERO);
            handle.awaitExit();
        }
    }

    @Test
    void aRunningTaskIsFoundAndItsLaterExitRead() throws Exception {
        LaunchSpec spec = spec("while [ ! -e release ]; do sleep 0.05; done; exit 7");
        ContainerHandle before = keep(agent().launch(spec));

        Recovery recovery = agent().recover(Set.of(spec.containerId()));

        ContainerHandle after = keep(recovery.found().get(spec.containerId()));
        assertThat(after).isNotNull();
        assertThat(after.pid()).isEqualTo(before.pid());
        assertThat(after.statistics()).isPresent();
        assertThat(recovery.orphansKilled()).isEmpty();

        Files.writeString(spec.sandbox().resolve("release"), "");
        ContainerExit exit = after.awaitExit();
        assertThat(exit.exitCode()).isEqualTo(7);
        assertThat(exit.killed()).isFalse();
    }

    @Test
    void aTaskThatEndedMeanwhileReportsItsStatus() throws Exception {
        LaunchSpec spec = spec("exit 5");
        agent().launch(spec).awaitExit();

        ContainerHandle after = agent().recover(Set.of(spec.containerId())).found().get(spec.containerId());

        ContainerExit exit = after.awaitExit();
        assertThat(exit.exitCode()).isEqualTo(5);
        assertThat(exit.killed()).isFalse();
        assertThat(exit.finishedAt()).isEqualTo(
                Files.getLastModifiedTime(spec.sandbox().resolve(".container/exit")).toInstant());
        assertThat(after.statistics()).isEmpty();
    }

    @Test
    void aKillBeforeTheRestartIsStillReportedAsAKill() throws Exception {
        LaunchSpec spec = spec("trap '' TERM; touch ready; while true; do sleep 0.1; done");
        ContainerHandle before = agent().launch(spec);
        await().atMost(WAIT).until(() -> Files.exists(spec.sandbox().resolve("ready")));
        before.kill(Duration.ZERO);
        before.awaitExit();

        ContainerExit exit = agent().recover(Set.of(spec.containerId())).found().get(spec.containerId()).awaitExit();

        assertThat(exit.killed()).isTrue();
        assertThat(exit.exitCode()).isEqualTo(128 + 9);
    }

    @Test
    void aRecoveredTaskCanBeKilled() throws Exception {
        LaunchSpec spec = spec("trap 'exit 0' TERM; touch ready; while true; do sleep 0.1; done");
        keep(agent().launch(spec));
        await().atMost(WAIT).until(() -> Files.exists(spec.sandbox().resolve("ready")));
        ContainerHandle after = agent().recover(Set.of(spec.containerId())).found().get(spec.containerId());

        after.kill(WAIT);

        ContainerExit exit = after.awaitExit();
        assertThat(exit.killed()).isTrue();
        assertThat(exit.exitCode()).isZero();
    }

    @Test
    void aRunningContainerNobodyKnowsIsKilledAsAnOrphan() throws Exception {
        LaunchSpec spec = spec("exec sleep 1000");
        ContainerHandle before = keep(agent().launch(spec));
        long pid = before.pid().orElseThrow();

        Recovery recovery = agent().recover(Set.of());

        assertThat(recovery.orphansKilled()).containsExactly(spec.containerId().value());
        assertThat(recovery.found()).isEmpty();
        await().atMost(WAIT).until(() -> !ProcessContainerizerTest.running(pid));
        assertThat(indexEntries()).isEmpty();
    }

    @Test
    void anEndedContainerNobodyKnowsIsDroppedQuietly() throws Exception {
        LaunchSpec spec = spec("exit 0");
        agent().launch(spec).awaitExit();

        Recovery recovery = agent().recover(Set.of());

        assertThat(recovery.orphansKilled()).isEmpty();
        assertThat(indexEntries()).isEmpty();
    }

    @Test
    void aKnownContainerWithoutTraceIsLeftOut() throws Exception {
        ContainerId neverLaunched = ContainerId.of("never-launched");
        // An entry whose wrapper never reported and whose sandbox holds nothing.
        LaunchSpec spec = spec("exit 0");
        new ContainerIndex(tmp.resolve("meta")).write(
                ContainerRecord.of(spec.containerId(), spec.sandbox(), "some-other-boot", 1, 32, null));

        Recovery recovery = agent().recover(Set.of(neverLaunched, spec.containerId()));

        assertThat(recovery.found()).isEmpty();
        assertThat(recovery.orphansKilled()).isEmpty();
        assertThat(indexEntries()).isEmpty();
    }

    @Test
    void aContainerOfAnEarlierBootReportsItsRecordedExitAndSignalsNothing() throws Exception {
        // A live process whose pid and start time the entry names: after a reboot such a match is
        // a stranger, and must survive the recovery.
        Process stranger = new ProcessBuilder("setsid", "sleep", "1000").start();
        try {
            long pid = stranger.pid();
            long start = new ProcessTable(Path.of("/proc")).stat(pid).orElseThrow().startTicks();
            LaunchSpec spec = spec("exit 0");
            Path markers = Files.createDirectories(spec.sandbox().resolve(".container"));
            Files.writeString(markers.resolve("pids"), pid + " " + start + " " + pid + " " + start + "\n");
            Files.writeString(markers.resolve("exit"), "4\n");
            new ContainerIndex(tmp.resolve("meta")).write(ContainerRecord.of(spec.containerId(), spec.sandbox(),
                    "an-earlier-boot", 1, 32, null));

            ContainerHandle handle = agent().recover(Set.of(spec.containerId())).found().get(spec.containerId());
            handle.kill(Duration.ZERO);

            assertThat(handle.awaitExit().exitCode()).isEqualTo(4);
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    @Test
    void removeForgetsTheContainer() throws Exception {
        LaunchSpec spec = spec("exit 0");
        ProcessContainerizer agent = agent();
        agent.launch(spec).awaitExit();

        agent.remove(spec.containerId());
        agent.remove(ContainerId.of("unknown"));

        assertThat(indexEntries()).isEmpty();
        assertThat(spec.sandbox().resolve("stdout")).exists();
        assertThat(agent().recover(Set.of(spec.containerId())).found()).isEmpty();
    }

    @Test
    void aRunningContainerIsNotRemoved() throws Exception {
        LaunchSpec spec = spec("exec sleep 1000");
        ProcessContainerizer agent = agent();
        ContainerHandle handle = keep(agent.launch(spec));

        agent.remove(spec.containerId());

        assertThat(indexEntries()).hasSize(1);
        handle.kill(Duration.ZERO);
        handle.awaitExit();
        agent.remove(spec.containerId());
        assertThat(indexEntries()).isEmpty();
    }

    /** A fresh containerizer over the same state directory: what an agent restart sees. */
    private ProcessContainerizer agent() {
        return new ProcessContainerizer(clock, tmp.resolve("meta"), ProcessProperties.defaults());
    }

    private ContainerHandle keep(ContainerHandle handle) {
        if (handle != null) {
            handles.add(handle);
        }
        return handle;
    }

    private LaunchSpec spec(String shell) throws IOException {
        String id = UUID.randomUUID().toString();
        Path sandbox = Files.createDirectories(tmp.resolve("sandboxes").resolve(id));
        TaskInfo task = TaskInfo.command("task", TaskId.of("task-" + id), AgentId.of("agent"), List.of(),
                CommandInfo.shell(shell));
        return new LaunchSpec(ContainerId.of(id), task, FrameworkId.of("framework"), AgentId.of("agent"), sandbox, ENV,
                0.1, 32, List.of());
    }

    private List<Path> indexEntries() throws IOException {
        try (var files = Files.list(tmp.resolve("meta"))) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }
}
