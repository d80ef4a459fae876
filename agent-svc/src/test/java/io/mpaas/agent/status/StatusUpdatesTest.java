package io.mpaas.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.agent.checkpoint.CheckpointWriter;
import io.mpaas.agent.checkpoint.Checkpoints;
import io.mpaas.agent.checkpoint.TaskCheckpoint;
import io.mpaas.agent.container.ContainerKind;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.testkit.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusUpdatesTest {

    private static final FrameworkId FRAMEWORK = FrameworkId.of("fw-1");
    private static final TaskId TASK = TaskId.of("web.1");

    @TempDir
    Path workDir;

    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final RecordingTransport master = new RecordingTransport();
    private Checkpoints checkpoints;
    private StatusUpdates updates;

    /** A master link that records what was sent. */
    static final class RecordingTransport implements UpdateTransport {
        boolean connected = true;
        final List<TaskStatus> sent = new ArrayList<>();

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void send(FrameworkId framework, TaskStatus update) {
            sent.add(update);
        }

        List<TaskState> states() {
            return sent.stream().map(TaskStatus::state).toList();
        }
    }

    @BeforeEach
    void setUp() {
        checkpoints = new Checkpoints(workDir);
        updates = newManager();
        updates.track(FRAMEWORK, TASK, checkpoints.saveTask(checkpoint()).log(), List.of());
    }

    private StatusUpdates newManager() {
        StatusUpdates manager = new StatusUpdates(new StatusUpdateProperties(Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofSeconds(1)), clock);
        manager.attach(master);
        return manager;
    }

    private static TaskCheckpoint checkpoint() {
        return new TaskCheckpoint(FRAMEWORK, ExecutorId.of("web.1"),
                TaskInfo.command("web", TASK, null, List.of(), null), ContainerId.of("c1"), ContainerKind.PROCESS,
                "/tmp/sandbox", 0);
    }

    private static TaskStatus status(TaskState state, String uuid) {
        return new TaskStatus(TASK, state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, null, null, null, 1.0,
                uuid, null, null, null, null, null, null);
    }

    @Test
    void onlyTheOldestUnacknowledgedUpdateIsInFlight() {
        updates.publish(TASK, status(TaskState.TASK_STARTING, "u1"));
        updates.publish(TASK, status(TaskState.TASK_RUNNING, "u2"));
        assertThat(master.states()).containsExactly(TaskState.TASK_STARTING);

        updates.acknowledge(TASK, "u1");
        assertThat(master.states()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
        updates.acknowledge(TASK, "u2");
        assertThat(updates.pending(TASK)).isZero();
    }

    @Test
    void aStaleAcknowledgementChangesNothing() {
        updates.publish(TASK, status(TaskState.TASK_STARTING, "u1"));
        updates.publish(TASK, status(TaskState.TASK_RUNNING, "u2"));
        updates.acknowledge(TASK, "u2");
        assertThat(master.states()).containsExactly(TaskState.TASK_STARTING);
        assertThat(updates.pending(TASK)).isEqualTo(2);
    }

    @Test
    void anUnacknowledgedUpdateIsResentWithABackoffThatDoublesUpToTheCap() {
        updates.publish(TASK, status(TaskState.TASK_RUNNING, "u1"));
        List<Duration> gaps = List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
        for (Duration gap : gaps) {
            int before = master.sent.size();
            clock.advance(gap.minusMillis(1));
            updates.tick();
            assertThat(master.sent).hasSize(before);
            clock.advance(Duration.ofMillis(1));
            updates.tick();
            assertThat(master.sent).hasSize(before + 1);
        }
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(10));
            updates.tick();
        }
        int before = master.sent.size();
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        updates.tick();
        assertThat(master.sent).hasSize(before);
    }

    @Test
    void nothingIsSentWhileDisconnectedAndEverythingWaitingGoesOutOnRegistration() {
        master.connected = false;
        updates.publish(TASK, status(TaskState.TASK_STARTING, "u1"));
        clock.advance(Duration.ofMinutes(5));
        updates.tick();
        assertThat(master.sent).isEmpty();

        master.connected = true;
        updates.connected();
        assertThat(master.states()).containsExactly(TaskState.TASK_STARTING);
    }

    @Test
    void withTheBatchingWriterAnUpdateIsOnDiskWhenSentAndCountsAsPendingUntilAcknowledged() throws Exception {
        Path logFile = workDir.resolve("meta/tasks/fw-1/web.1/updates.jsonl");
        List<String> onDiskWhenSent = new java.util.concurrent.CopyOnWriteArrayList<>();
        UpdateTransport checking = new UpdateTransport() {
            @Override
            public boolean isConnected() {
                return true;
            }

            @Override
            public void send(FrameworkId framework, TaskStatus update) {
                try {
                    onDiskWhenSent.add(update.uuid() + ":" + java.nio.file.Files.readString(logFile)
                            .contains("\"" + update.uuid() + "\""));
                } catch (java.io.IOException e) {
                    onDiskWhenSent.add(update.uuid() + ":" + e);
                }
            }
        };
        try (CheckpointWriter writer = CheckpointWriter.started()) {
            Checkpoints batched = new Checkpoints(workDir, writer);
            StatusUpdates manager = newManager();
            manager.attach(checking);
            manager.track(FRAMEWORK, TASK, batched.saveTask(checkpoint()).log(), List.of());

            manager.publish(TASK, status(TaskState.TASK_STARTING, "u1"));
            CompletableFuture<Void> running = manager.publish(TASK, status(TaskState.TASK_RUNNING, "u2"));
            assertThat(manager.pending(TASK)).isEqualTo(2);
            running.get(10, TimeUnit.SECONDS);
            manager.acknowledge(TASK, "u1").get(10, TimeUnit.SECONDS);
            assertThat(manager.pending(TASK)).isEqualTo(1);
            manager.acknowledge(TASK, "u2").get(10, TimeUnit.SECONDS);
            assertThat(manager.pending(TASK)).isZero();
        }
        assertThat(onDiskWhenSent).containsExactly("u1:true", "u2:true");
        assertThat(new Checkpoints(workDir).tasks().getFirst().task().unacknowledged()).isEmpty();
    }

    @Test
    void unacknowledgedUpdatesSurviveARestartAndAreResentInOrder() {
        updates.publish(TASK, status(TaskState.TASK_STARTING, "u1"));
        updates.publish(TASK, status(TaskState.TASK_RUNNING, "u2"));
        updates.publish(TASK, status(TaskState.TASK_FINISHED, "u3"));
        updates.acknowledge(TASK, "u1");

        // The agent restarts: a new manager over the same checkpoints.
        master.sent.clear();
        Checkpoints.Recovered recovered = new Checkpoints(workDir).tasks().getFirst();
        assertThat(recovered.task().updates()).extracting(TaskStatus::uuid).containsExactly("u1", "u2", "u3");
        assertThat(recovered.task().unacknowledged()).extracting(TaskStatus::uuid).containsExactly("u2", "u3");
        StatusUpdates restarted = newManager();
        restarted.track(FRAMEWORK, TASK, recovered.log(), recovered.task().unacknowledged());
        restarted.connected();
        assertThat(master.states()).containsExactly(TaskState.TASK_RUNNING);
        restarted.acknowledge(TASK, "u2");
        assertThat(master.states()).containsExactly(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        restarted.acknowledge(TASK, "u3");
        assertThat(new Checkpoints(workDir).tasks().getFirst().task().unacknowledged()).isEmpty();
    }
}
