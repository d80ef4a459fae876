package io.mpaas.agent.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.agent.container.ContainerKind;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path workDir;

    @Test
    void theAgentAndItsFrameworksAreReadBack() {
        Checkpoints checkpoints = new Checkpoints(workDir);
        assertThat(checkpoints.agent()).isEmpty();
        checkpoints.saveAgent(new AgentInfo("host", 5051, List.of(), List.of(), AgentId.of("a1"), null));
        FrameworkInfo framework = FrameworkInfo.of("root", "marathon", List.of("*"), 60).withId(FrameworkId.of("f/1"));
        checkpoints.saveFramework(framework);

        Checkpoints reread = new Checkpoints(workDir);
        assertThat(reread.agent()).get().extracting(AgentInfo::id).isEqualTo(AgentId.of("a1"));
        assertThat(reread.frameworks()).containsEntry(FrameworkId.of("f/1"), framework);
    }

    @Test
    void aFrameworkIsRewrittenOnlyWhenItChanged() throws Exception {
        Checkpoints checkpoints = new Checkpoints(workDir);
        FrameworkInfo framework = FrameworkInfo.of("root", "marathon", List.of("*"), 60).withId(FrameworkId.of("f1"));
        Path file = workDir.resolve("meta/frameworks/f1.json");
        checkpoints.saveFramework(framework);
        Files.delete(file);

        checkpoints.saveFramework(framework);
        assertThat(file).doesNotExist();

        FrameworkInfo renamed = FrameworkInfo.of("root", "marathon-2", List.of("*"), 60).withId(FrameworkId.of("f1"));
        checkpoints.saveFramework(renamed);
        assertThat(new Checkpoints(workDir).frameworks()).containsEntry(FrameworkId.of("f1"), renamed);

        checkpoints.removeFramework(FrameworkId.of("f1"));
        checkpoints.saveFramework(renamed);
        assertThat(file).exists();
    }

    @Test
    void idsThatAreNoFileNamesAreEncoded() {
        assertThat(Checkpoints.fileName("group/app.1")).isEqualTo("group%2Fapp.1");
        assertThat(Checkpoints.fileName("..")).isEqualTo("%2E%2E");
        assertThat(Checkpoints.fileName(".")).isEqualTo("%2E");
    }

    @Test
    void aTornLastLineOfAnUpdateLogIsIgnored() throws Exception {
        Checkpoints checkpoints = new Checkpoints(workDir);
        TaskId task = TaskId.of("t1");
        UpdateLog log = checkpoints.saveTask(new TaskCheckpoint(FrameworkId.of("f1"), ExecutorId.of("t1"),
                TaskInfo.command("t", task, null, List.of(), CommandInfo.shell("true")), ContainerId.of("c1"),
                ContainerKind.PROCESS, workDir.resolve("sandbox").toString(), 1)).log();
        log.appendUpdate(new TaskStatus(task, TaskState.TASK_STARTING, null, null, null, null, null, null, 1.0, "u1",
                null, null, null, null, null, null), () -> { }).join();
        Path file = workDir.resolve("meta/tasks/f1/t1/updates.jsonl");
        Files.writeString(file, "{\"update\":{\"task_id\"", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<Checkpoints.Recovered> tasks = new Checkpoints(workDir).tasks();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.getFirst().task().unacknowledged()).extracting(TaskStatus::uuid).containsExactly("u1");
        assertThat(tasks.getFirst().task().checkpoint().containerId()).isEqualTo(ContainerId.of("c1"));
    }

    @Test
    void aRemovedTaskIsNotRecovered() {
        Checkpoints checkpoints = new Checkpoints(workDir);
        checkpoints.saveTask(new TaskCheckpoint(FrameworkId.of("f1"), ExecutorId.of("t1"),
                TaskInfo.command("t", TaskId.of("t1"), null, List.of(), CommandInfo.shell("true")),
                ContainerId.of("c1"), ContainerKind.DOCKER, "/x", 1));
        checkpoints.removeTask(FrameworkId.of("f1"), TaskId.of("t1"));
        assertThat(checkpoints.tasks()).isEmpty();
    }
}
