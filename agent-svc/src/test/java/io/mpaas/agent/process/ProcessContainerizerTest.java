package io.mpaas.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.ResourceStatistics;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.testkit.time.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes, each a few milliseconds: launch, exit, environment, kill, exec, statistics, cgroups. */
@Timeout(60)
class ProcessContainerizerTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "MESOS_TASK_ID",
            "t1", "GREETING", "hello world");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final List<ContainerHandle> launched = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ProcessContainerizer containerizer;

    @BeforeEach
    void start() {
        containerizer = new ProcessContainerizer(clock, tmp.resolve("meta"), ProcessProperties.defaults());
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ContainerHandle handle : launched) {
            handle.kill(Duration.ZERO);
            handle.awaitExit();
            containerizer.remove(handle.id());
        }
    }

    @Test
    void exitCodesAndOutputLandInTheSandbox() throws Exception {
        LaunchSpec ok = spec(CommandInfo.shell("echo out"), ENV);
        assertThat(launch(ok).awaitExit().exitCode()).isZero();
        assertThat(Files.readString(ok.sandbox().resolve("stdout"))).isEqualTo("out\n");

        LaunchSpec failing = spec(CommandInfo.shell("echo out; echo broken >&2; exit 3"), ENV);
        ContainerExit exit = launch(failing).awaitExit();

        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(exit.killed()).isFalse();
        assertThat(exit.oomKilled()).isFalse();
        assertThat(exit.finishedAt()).isEqualTo(clock.instant());
        assertThat(Files.readString(failing.sandbox().resolve("stderr"))).isEqualTo("broken\n");
    }

    /**
     * {@code command.user}: an agent running as root runs the task as that user, in a sandbox handed to
     * it (as a Mesos agent with --switch_user); a user the machine does not know fails the launch.
     */
    @Test
    void aTaskRunsAsItsCommandsUserWhenTheAgentIsRoot() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TaskUser.agentIsRoot(), "the agent switches users only as root");
        LaunchSpec spec = spec(new CommandInfo(null, null, true, "id -u; id -g; touch mine", null, "nobody"), ENV);

        assertThat(launch(spec).awaitExit().exitCode()).isZero();

        assertThat(Files.readString(spec.sandbox().resolve("stdout")).lines().toList()).hasSize(2)
                .first().isEqualTo("65534");
        assertThat(Files.getAttribute(spec.sandbox().resolve("mine"), "unix:uid")).isEqualTo(65534);

        LaunchSpec unknown = spec(new CommandInfo(null, null, true, "true", null, "no-such-user-here"), ENV);
        assertThatThrownBy(() -> launch(unknown)).isInstanceOf(LaunchFailure.class)
                .hasMessage("Failed to run the task as user 'no-such-user-here': no such user on this agent");
        LaunchSpec malformed = spec(new CommandInfo(null, null, true, "true", null, "a b;c"), ENV);
        assertThatThrownBy(() -> launch(malformed)).isInstanceOf(LaunchFailure.class)
                .hasMessageContaining("is not a user name");
    }

    /** A gate that fails (the launch checkpoint could not be written) starts nothing and leaves no record. */
    @Test
    void aFailingStartGateStartsNothing() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("echo started > ran"), ENV);

        assertThatThrownBy(() -> containerizer.launch(spec, () -> {
            throw LaunchFailure.failed("Cannot checkpoint the task: disk full", null);
        })).isInstanceOf(LaunchFailure.class).hasMessageContaining("disk full");

        assertThat(spec.sandbox().resolve("ran")).doesNotExist();
        assertThat(containerizer.recover(java.util.Set.of(spec.containerId())).found()).isEmpty();
    }

    @Test
    void moreLaunchesAtOnceThanMayStartTogetherAllStartInTurn() throws Exception {
        List<LaunchSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3 * ProcessContainerizer.LAUNCHES_AT_ONCE; i++) {
            specs.add(spec(CommandInfo.shell("echo started; sleep 60"), ENV));
        }
        List<java.util.concurrent.Future<ContainerHandle>> handles = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (LaunchSpec s : specs) {
                handles.add(threads.submit(() -> launch(s)));
            }
        }
        for (var handle : handles) {
            assertThat(handle.get().pid()).isPresent();
        }
        for (LaunchSpec s : specs) {
            org.awaitility.Awaitility.await().atMost(WAIT)
                    .until(() -> Files.readString(s.sandbox().resolve("stdout")).equals("started\n"));
        }
    }

    @Test
    void aCommandShCannotFindIsExitCode127() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("no-such-command-anywhere"), ENV);

        assertThat(launch(spec).awaitExit().exitCode()).isEqualTo(127);
        assertThat(Files.readString(spec.sandbox().resolve("stderr"))).contains("not found");
    }

    @Test
    void theEnvironmentIsExactlyTheSpecs() throws Exception {
        LaunchSpec direct = spec(argv("/usr/bin/env", "env"), ENV);
        launch(direct).awaitExit();
        assertThat(environmentIn(direct.sandbox().resolve("stdout"))).isEqualTo(new TreeMap<>(ENV));

        // sh adds PWD of its own, as it does under Mesos.
        LaunchSpec shell = spec(CommandInfo.shell("env > env.txt"), ENV);
        launch(shell).awaitExit();
        Map<String, String> expected = new TreeMap<>(ENV);
        expected.put("PWD", shell.sandbox().toString());
        assertThat(environmentIn(shell.sandbox().resolve("env.txt"))).isEqualTo(expected);
    }

    @Test
    void withoutPathTheTaskGetsTheAgentsPath() throws Exception {
        LaunchSpec spec = spec(argv("/usr/bin/env", "env"), Map.of("ONLY", "this"));
        launch(spec).awaitExit();

        assertThat(environmentIn(spec.sandbox().resolve("stdout")))
                .isEqualTo(new TreeMap<>(Map.of("ONLY", "this", "PATH", System.getenv("PATH"))));
    }

    @Test
    void signalsStartAtTheirDefaults() throws Exception {
        LaunchSpec spec = spec(argv("/bin/grep", "grep", "SigIgn", "/proc/self/status"), ENV);
        launch(spec).awaitExit();

        boolean restorable = TaskWrapper.locate(System.getenv("PATH"), tmp).env() != null;
        long ignored = Long.parseLong(Files.readString(spec.sandbox().resolve("stdout")).strip().split("\\s+")[1], 16);
        // SIGINT and SIGQUIT are bits 1 and 2 of the mask. Without a GNU env the shell's
        // background job keeps them ignored.
        assertThat(ignored & 0b110).isEqualTo(restorable ? 0 : 0b110);
    }

    @Test
    void theWorkingDirectoryIsTheSandbox() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("pwd -P > where"), ENV);
        launch(spec).awaitExit();

        assertThat(Files.readString(spec.sandbox().resolve("where")).strip())
                .isEqualTo(spec.sandbox().toRealPath().toString());
    }

    @Test
    void argvFormPassesArgumentsUntouched() throws Exception {
        LaunchSpec absolute = spec(argv("/bin/echo", "echo", "a  b", "$HOME", "*"), ENV);
        assertThat(launch(absolute).awaitExit().exitCode()).isZero();
        assertThat(Files.readString(absolute.sandbox().resolve("stdout"))).isEqualTo("a  b $HOME *\n");

        // A bare name is looked up on the task's PATH.
        LaunchSpec onPath = spec(argv("printf", "printf", "%s|", "x", "y"), ENV);
        launch(onPath).awaitExit();
        assertThat(Files.readString(onPath.sandbox().resolve("stdout"))).isEqualTo("x|y|");
    }

    @Test
    void aMissingExecutableFailsTheLaunchAndLeavesNothing() throws Exception {
        LaunchSpec missing = spec(argv("/no/such/program", "program"), ENV);

        assertThatThrownBy(() -> containerizer.launch(missing))
                .isInstanceOfSatisfying(LaunchFailure.class, f -> {
                    assertThat(f.state()).isEqualTo(TaskState.TASK_FAILED);
                    assertThat(f.getMessage()).contains("/no/such/program").contains("not found");
                });
        assertThatThrownBy(() -> containerizer.launch(spec(argv("no-such-program"), ENV)))
                .isInstanceOf(LaunchFailure.class).hasMessageContaining("on PATH");
        assertThat(indexEntries()).isEmpty();
    }

    @Test
    void aTaskWithoutCommandIsInvalid() {
        LaunchSpec spec = spec(new CommandInfo(null, null, true, " ", null, null), ENV);

        assertThatThrownBy(() -> containerizer.launch(spec))
                .isInstanceOfSatisfying(LaunchFailure.class, f -> assertThat(f.state()).isEqualTo(TaskState.TASK_ERROR));
    }

    @Test
    void killSendsTermToTheTaskAndReportsAKill() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell(
                "trap 'echo term > got_term; exit 0' TERM; touch ready; while true; do sleep 0.1; done"), ENV);
        ContainerHandle handle = launch(spec);
        awaitFile(spec.sandbox().resolve("ready"));

        handle.kill(WAIT);

        assertThat(spec.sandbox().resolve("got_term")).hasContent("term");
        ContainerExit exit = handle.awaitExit();
        assertThat(exit.killed()).isTrue();
        assertThat(exit.exitCode()).isZero();
    }

    @Test
    void theWrapperForwardsATermItReceivesAndKeepsTheTasksStatus() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell(
                "trap 'echo term > got_term; exit 42' TERM; touch ready; while true; do sleep 0.1; done"), ENV);
        ContainerHandle handle = launch(spec);
        awaitFile(spec.sandbox().resolve("ready"));
        TaskPids pids = SandboxMarkers.in(spec.sandbox()).pids().orElseThrow();

        ProcessHandle.of(pids.wrapperPid()).orElseThrow().destroy();

        ContainerExit exit = handle.awaitExit();
        assertThat(exit.exitCode()).isEqualTo(42);
        assertThat(exit.killed()).isFalse();
        assertThat(spec.sandbox().resolve("got_term")).hasContent("term");
    }

    @Test
    void aTaskIgnoringTermIsKilledOnceTheGracePeriodHasPassed() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("trap '' TERM; touch ready; while true; do sleep 0.1; done"), ENV);
        ContainerHandle handle = launch(spec);
        awaitFile(spec.sandbox().resolve("ready"));

        long started = System.nanoTime();
        handle.kill(Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        ContainerExit exit = handle.awaitExit();
        assertThat(exit.killed()).isTrue();
        assertThat(exit.exitCode()).as(() -> exit + " " + markersOf(spec)).isEqualTo(128 + 9);
    }

    /** What the wrapper left, for a failure message. */
    private static String markersOf(LaunchSpec spec) {
        try (var files = Files.list(spec.sandbox().resolve(".container"))) {
            return files.toList() + " stderr=" + Files.readString(spec.sandbox().resolve("stderr"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void theTasksChildrenDieWithIt() throws Exception {
        // One child goes with the TERM, the other ignores it and needs the KILL.
        LaunchSpec spec = spec(CommandInfo.shell("sleep 1000 & echo $! > a.pid; "
                + "(trap '' TERM; exec sleep 1000) & echo $! > b.pid; touch ready; wait"), ENV);
        ContainerHandle handle = launch(spec);
        awaitFile(spec.sandbox().resolve("ready"));
        long a = Long.parseLong(Files.readString(spec.sandbox().resolve("a.pid")).strip());
        long b = Long.parseLong(Files.readString(spec.sandbox().resolve("b.pid")).strip());

        handle.kill(Duration.ofMillis(300));

        await().atMost(WAIT).until(() -> !running(a) && !running(b));
        assertThat(handle.awaitExit().killed()).isTrue();
    }

    @Test
    void whatATaskLeavesBehindGoesWhenItEnds() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("sleep 1000 & echo $! > child.pid; exit 0"), ENV);
        ContainerExit exit = launch(spec).awaitExit();
        long child = Long.parseLong(Files.readString(spec.sandbox().resolve("child.pid")).strip());

        assertThat(exit.exitCode()).isZero();
        await().atMost(WAIT).until(() -> !running(child));
    }

    @Test
    void execRunsInTheSandboxWithTheGivenEnvironment() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("touch ready; exec sleep 1000"), ENV);
        ContainerHandle handle = launch(spec);

        ExecResult result = handle.exec("echo \"$CHECK\" && pwd -P && exit 2", Map.of("CHECK", "yes"), WAIT);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.output()).isEqualTo("yes\n" + spec.sandbox().toRealPath() + "\n");
        assertThat(handle.exec("true", Map.of(), WAIT).succeeded()).isTrue();
    }

    @Test
    void execKillsACommandAndItsChildrenOnTimeout() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("exec sleep 1000"), ENV);
        ContainerHandle handle = launch(spec);

        ExecResult result = handle.exec("sleep 1000 & echo $! > bg.pid; echo started; sleep 1000", ENV,
                Duration.ofMillis(300));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isNull();
        assertThat(result.output()).isEqualTo("started\n");
        long background = Long.parseLong(Files.readString(spec.sandbox().resolve("bg.pid")).strip());
        await().atMost(WAIT).until(() -> !running(background));
    }

    @Test
    void execKeepsOnlyTheFirstKilobytesOfOutput() throws Exception {
        ContainerHandle handle = launch(spec(CommandInfo.shell("exec sleep 1000"), ENV));

        ExecResult result = handle.exec("head -c 100000 /dev/zero | tr '\\0' x", ENV, WAIT);

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).hasSize(CheckCommandRunner.OUTPUT_LIMIT);
    }

    @Test
    void probesGoToTheLoopbackAddress() throws Exception {
        ContainerHandle handle = launch(spec(CommandInfo.shell("exec sleep 1000"), ENV));

        assertThat(handle.probeAddress(8080)).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    }

    @Test
    void statisticsOfARunningTask() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("touch ready; while true; do sleep 0.1; done"), ENV, 0.5, 64);
        ContainerHandle handle = launch(spec);
        awaitFile(spec.sandbox().resolve("ready"));

        ResourceStatistics stats = handle.statistics().orElseThrow();

        assertThat(stats.memRssBytes()).isPositive();
        assertThat(stats.processes()).isPositive();
        assertThat(stats.threads()).isGreaterThanOrEqualTo(stats.processes());
        assertThat(stats.cpusUserTimeSecs()).isNotNull();
        assertThat(stats.cpusLimit()).isEqualTo(0.5);
        assertThat(stats.memLimitBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(stats.timestamp()).isEqualTo(clock.millis() / 1000.0);
        assertThat(handle.pid()).isPresent();
    }

    @Test
    void statisticsFromProcWithoutCgroups() throws Exception {
        containerizer = new ProcessContainerizer(clock, tmp.resolve("meta-plain"),
                new ProcessProperties(false, Path.of("/sys/fs/cgroup"), WAIT));
        LaunchSpec spec = spec(CommandInfo.shell("sleep 1000 & touch ready; wait"), ENV, 1, 32);
        ContainerHandle handle = launch(spec);
        awaitFile(spec.sandbox().resolve("ready"));

        ResourceStatistics stats = handle.statistics().orElseThrow();

        assertThat(containerizer.limits()).isEqualTo(new ProcessLimits(false, false,
                "cgroups disabled by mesos.agent.process.cgroups-enabled=false"));
        assertThat(stats.processes()).isEqualTo(2);
        assertThat(stats.memRssBytes()).isPositive();
        assertThat(stats.memTotalBytes()).isNull();
    }

    @Test
    void limitsAreEnforcedThroughCgroupsWhereTheMachineAllows() throws Exception {
        LaunchSpec spec = spec(CommandInfo.shell("exec sleep 1000"), ENV, 0.5, 64);
        ContainerHandle handle = launch(spec);
        ProcessLimits limits = containerizer.limits();
        ContainerRecord record = new ContainerIndex(tmp.resolve("meta")).read(spec.containerId()).orElseThrow();

        if (!limits.memory() && !limits.cpu()) {
            // No writable hierarchy on this machine: then it must say why, and the task runs unlimited.
            assertThat(limits.reason()).isNotBlank();
            assertThat(record.cgroup()).isEmpty();
            return;
        }
        String membership = Files.readString(Path.of("/proc", handle.pid().orElseThrow().toString(), "cgroup"));
        assertThat(membership).contains("/" + CgroupLimiter.PARENT + "/" + spec.containerId().value());
        TaskCgroup cgroup = record.cgroup().orElseThrow();
        switch (cgroup) {
            case CgroupV1 v1 -> {
                if (limits.memory()) {
                    assertThat(v1.memory().resolve("memory.limit_in_bytes")).hasContent("67108864");
                }
                if (limits.cpu()) {
                    assertThat(v1.cpu().resolve("cpu.shares")).hasContent("512");
                }
            }
            case CgroupV2 v2 -> {
                if (limits.memory()) {
                    assertThat(v2.dir().resolve("memory.max")).hasContent("67108864");
                }
                if (limits.cpu()) {
                    assertThat(v2.dir().resolve("cpu.weight")).hasContent("20");
                }
            }
        }

        handle.kill(Duration.ZERO);
        handle.awaitExit();
        assertThat(cgroup.directories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void aTaskOverItsMemoryLimitIsReportedOomKilled() throws Exception {
        // dash keeps the whole 100 MB string in memory; the limit is 16 MB.
        LaunchSpec spec = spec(CommandInfo.shell("x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived"),
                ENV, 0.1, 16);
        ContainerExit exit = launch(spec).awaitExit();

        if (containerizer.limits().memory()) {
            assertThat(exit.oomKilled()).isTrue();
            assertThat(exit.exitCode()).isEqualTo(128 + 9);
            assertThat(exit.message()).contains("memory limit");
        } else {
            assertThat(exit.oomKilled()).isFalse();
            assertThat(spec.sandbox().resolve("stdout")).hasContent("survived");
        }
    }

    private ContainerHandle launch(LaunchSpec spec) throws LaunchFailure, InterruptedException {
        ContainerHandle handle = containerizer.launch(spec);
        launched.add(handle);
        return handle;
    }

    private LaunchSpec spec(CommandInfo command, Map<String, String> env) {
        return spec(command, env, 0.1, 32);
    }

    private LaunchSpec spec(CommandInfo command, Map<String, String> env, double cpus, double mem) {
        String id = UUID.randomUUID().toString();
        try {
            Path sandbox = Files.createDirectories(tmp.resolve("sandboxes").resolve(id));
            TaskInfo task = TaskInfo.command("task", TaskId.of("task-" + id), AgentId.of("agent"), List.of(), command);
            return new LaunchSpec(ContainerId.of(id), task, FrameworkId.of("framework"), AgentId.of("agent"), sandbox,
                    env, cpus, mem, List.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommandInfo argv(String value, String... arguments) {
        return new CommandInfo(null, null, false, value, List.of(arguments), null);
    }

    private static Map<String, String> environmentIn(Path file) throws IOException {
        Map<String, String> env = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    private List<Path> indexEntries() throws IOException {
        try (var files = Files.list(tmp.resolve("meta"))) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    private static void awaitFile(Path file) {
        await().atMost(WAIT).until(() -> Files.exists(file));
    }

    /** Alive and not a zombie waiting for its parent. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }
}
