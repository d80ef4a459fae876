package io.mpaas.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCommandTest {

    @TempDir
    Path sandbox;

    @Test
    void shellIsTheDefault() throws LaunchFailure {
        CommandInfo command = new CommandInfo(null, null, null, "echo $HOME", List.of("ignored"), null);

        assertThat(TaskCommand.of(command, sandbox, "/bin").argv()).containsExactly("/bin/sh", "-c", "echo $HOME");
    }

    @Test
    void argvFormPutsTheExecutableInArgvZero() throws LaunchFailure {
        CommandInfo command = new CommandInfo(null, null, false, "/bin/echo", List.of("echo", "a", "b"), null);

        assertThat(TaskCommand.of(command, sandbox, "").argv()).containsExactly("/bin/echo", "a", "b");
        assertThat(TaskCommand.of(new CommandInfo(null, null, false, "/bin/echo", null, null), sandbox, "").argv())
                .containsExactly("/bin/echo");
    }

    @Test
    void relativeExecutablesAreFoundFromTheSandboxAndOnRelativePathEntries() throws Exception {
        Path script = Files.writeString(Files.createDirectories(sandbox.resolve("bin")).resolve("run"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(TaskCommand.of(argv("./bin/run"), sandbox, "/nowhere").argv()).containsExactly("./bin/run");
        assertThat(TaskCommand.of(argv("run"), sandbox, "/nowhere:bin").argv()).containsExactly("run");
    }

    @Test
    void aFileThatCannotBeExecutedIsAFailure() throws Exception {
        Files.writeString(sandbox.resolve("data"), "not a program");

        assertThatThrownBy(() -> TaskCommand.of(argv("./data"), sandbox, "/bin"))
                .isInstanceOfSatisfying(LaunchFailure.class, f -> assertThat(f.state()).isEqualTo(TaskState.TASK_FAILED))
                .hasMessageContaining("./data");
    }

    @Test
    void noCommandIsTheTasksFault() {
        assertThatThrownBy(() -> TaskCommand.of(null, sandbox, "/bin"))
                .isInstanceOfSatisfying(LaunchFailure.class, f -> assertThat(f.state()).isEqualTo(TaskState.TASK_ERROR));
        assertThatThrownBy(() -> TaskCommand.of(argv(""), sandbox, "/bin"))
                .isInstanceOfSatisfying(LaunchFailure.class, f -> assertThat(f.state()).isEqualTo(TaskState.TASK_ERROR));
    }

    private static CommandInfo argv(String value) {
        return new CommandInfo(null, null, false, value, List.of(value), null);
    }
}
