package io.mpaas.agent.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.task.LaunchPreparation;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher on local files: naming, executables, the cache, and what a failure says and leaves behind. */
class FetcherTest {

    @TempDir
    Path dir;

    private Path sandbox;
    private Path artifacts;
    private Fetcher fetcher;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = Files.createDirectories(dir.resolve("sandbox"));
        artifacts = Files.createDirectories(dir.resolve("artifacts"));
        fetcher = new Fetcher(FetcherProperties.defaults(), dir.resolve("cache"));
    }

    private static TaskInfo task(CommandInfo.Uri... uris) {
        return new TaskInfo("t", TaskId.of("t-1"), null, List.of(), null,
                new CommandInfo(List.of(uris), null, true, "true", null, null), null, null, null, null, null, null,
                null, null, null);
    }

    private void prepareAndAwait(CommandInfo.Uri... uris) throws Exception {
        fetcher.prepare(task(uris), "root", sandbox).await();
    }

    @Test
    void aTaskWithoutUrisNeedsNothing() throws Exception {
        assertThat(fetcher.prepare(task(), "root", sandbox)).isSameAs(LaunchPreparation.READY);
        assertThat(fetcher.statistics().taskFetchesSucceeded()).isZero();
    }

    @Test
    void filesAreCopiedUnderTheirNameOrOutputFileAndExecutablesAreMadeExecutable() throws Exception {
        Files.writeString(artifacts.resolve("config.yml"), "port: 8080");
        Files.writeString(artifacts.resolve("run.sh"), "#!/bin/sh\necho hi");
        prepareAndAwait(new CommandInfo.Uri("file://" + artifacts.resolve("config.yml"), null, null, null, null),
                new CommandInfo.Uri(artifacts.resolve("run.sh").toString(), true, null, null, "bin/run"));
        assertThat(sandbox.resolve("config.yml")).hasContent("port: 8080");
        assertThat(sandbox.resolve("bin/run")).hasContent("#!/bin/sh\necho hi");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("bin/run"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(sandbox.resolve("stdout")).content().contains("Fetching '" + artifacts.resolve("run.sh") + "'")
                .contains("(executable)");
        assertThat(fetcher.statistics().taskFetchesSucceeded()).isEqualTo(1);
    }

    @Test
    void aCachedUriIsServedFromTheCacheForTheNextTask() throws Exception {
        Path source = artifacts.resolve("tool");
        Files.writeString(source, "v1");
        CommandInfo.Uri cached = new CommandInfo.Uri(source.toString(), true, null, true, null);
        prepareAndAwait(cached);
        Files.delete(source);
        Path second = Files.createDirectories(dir.resolve("sandbox-2"));
        fetcher.prepare(task(cached), "root", second).await();
        assertThat(second.resolve("tool")).hasContent("v1").isExecutable();
        assertThat(second.resolve("stdout")).content().contains("from the fetcher cache");
        assertThat(fetcher.statistics().cacheSizeUsedBytes()).isEqualTo(2);
        assertThat(fetcher.statistics().cacheSizeTotalBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    }

    @Test
    void aMissingFileFailsTheTaskNamingTheUriAndLeavesTheReasonInStderr() {
        String uri = "file://" + artifacts.resolve("missing.tgz");
        assertThatThrownBy(() -> prepareAndAwait(new CommandInfo.Uri(uri, null, null, null, null)))
                .isInstanceOfSatisfying(LaunchFailure.class,
                        f -> assertThat(f.state()).isEqualTo(TaskState.TASK_FAILED))
                .hasMessage("Failed to fetch '" + uri + "': no such file: " + artifacts.resolve("missing.tgz"));
        assertThat(sandbox.resolve("stderr")).content().contains("Failed to fetch '" + uri + "'");
        assertThat(fetcher.statistics().taskFetchesFailed()).isEqualTo(1);
    }

    @Test
    void aDirectoryIsNotAFile() {
        String uri = artifacts.toString();
        assertThatThrownBy(() -> prepareAndAwait(new CommandInfo.Uri(uri, null, null, null, "x")))
                .hasMessage("Failed to fetch '" + uri + "': " + artifacts + " is a directory");
    }

    @Test
    void anInvalidUriIsTheTasksFaultAndNothingIsFetched() throws Exception {
        Files.writeString(artifacts.resolve("ok.txt"), "ok");
        assertThatThrownBy(() -> fetcher.prepare(task(
                new CommandInfo.Uri(artifacts.resolve("ok.txt").toString(), null, null, null, null),
                new CommandInfo.Uri("s3://bucket/x.tgz", null, null, null, null)), "root", sandbox))
                .isInstanceOfSatisfying(LaunchFailure.class,
                        f -> assertThat(f.state()).isEqualTo(TaskState.TASK_ERROR))
                .hasMessageStartingWith("Invalid URI 's3://bucket/x.tgz': scheme 's3' is not supported");
        assertThat(sandbox.resolve("ok.txt")).doesNotExist();
        assertThat(sandbox.resolve("stderr")).content().contains("Invalid URI 's3://bucket/x.tgz'");
    }

    @Test
    void anOutputFileThroughALinkOutOfTheSandboxIsRefused() throws Exception {
        Files.writeString(artifacts.resolve("x.txt"), "x");
        Files.createSymbolicLink(sandbox.resolve("out"), artifacts);
        String uri = artifacts.resolve("x.txt").toString();
        assertThatThrownBy(() -> prepareAndAwait(new CommandInfo.Uri(uri, null, null, null, "out/copied.txt")))
                .hasMessageContaining("leads out of the sandbox through a symbolic link");
        assertThat(artifacts.resolve("copied.txt")).doesNotExist();
    }
}
