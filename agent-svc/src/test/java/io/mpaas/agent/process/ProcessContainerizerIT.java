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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent crash: a first agent, in a JVM of its own, launches tasks and is killed with
 * SIGKILL; the tasks must go on running (their wrapper no longer has the agent as parent, nor
 * its pipe), and a second agent must find them and learn how they end.
 */
@Timeout(120)
class ProcessContainerizerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void tasksOutliveAnAgentCrashAndTheNextAgentLearnsTheirEnd() throws Exception {
        Path stateDir = tmp.resolve("meta");
        String suffix = "-" + UUID.randomUUID();
        ContainerId runningId = ContainerId.of("running" + suffix);
        ContainerId endingId = ContainerId.of("ending" + suffix);
        Path running = Files.createDirectories(tmp.resolve("running"));
        Path ending = Files.createDirectories(tmp.resolve("ending"));
        Process firstAgent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), FirstAgent.class.getName(), stateDir.toString(), suffix, running.toString(),
                ending.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            awaitLine(firstAgent, "launched");
            TaskPids pids = SandboxMarkers.in(running).pids().orElseThrow();

            firstAgent.destroyForcibly().waitFor();

            // The wrapper's parent is gone; the wrapper and the task are not.
            assertThat(ProcessHandle.of(pids.wrapperPid())).isPresent();
            assertThat(ProcessHandle.of(pids.taskPid())).isPresent();
            Files.writeString(ending.resolve("release"), "");
            await().atMost(WAIT).until(() -> SandboxMarkers.in(ending).exitStatus().isPresent());

            ProcessContainerizer secondAgent = new ProcessContainerizer(Clock.systemUTC(), stateDir,
                    ProcessProperties.defaults());
            Recovery recovery = secondAgent.recover(Set.of(runningId, endingId));

            assertThat(recovery.found()).containsOnlyKeys(runningId, endingId);
            assertThat(recovery.found().get(endingId).awaitExit().exitCode()).isEqualTo(3);
            ContainerHandle task = recovery.found().get(runningId);
            assertThat(task.pid()).contains(pids.taskPid());
            assertThat(task.statistics()).isPresent();
            Files.writeString(running.resolve("release"), "");
            ContainerExit exit = task.awaitExit();
            assertThat(exit.exitCode()).isEqualTo(7);
            assertThat(exit.killed()).isFalse();
        } finally {
            firstAgent.destroyForcibly().waitFor();
            // Whatever is left is an orphan now.
            new ProcessContainerizer(Clock.systemUTC(), stateDir, ProcessProperties.defaults()).recover(Set.of());
        }
    }

    /** Reads the first agent's stdout (its log lines, then ours) until {@code expected}. */
    private static void awaitLine(Process process, String expected) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = out.readLine(); !expected.equals(line); line = out.readLine()) {
            assertThat(line).as("the first agent ended before saying '%s'", expected).isNotNull();
        }
    }

    /** The first agent: launches the two tasks, says so, and waits to be killed. */
    public static final class FirstAgent {

        public static void main(String[] args) throws Exception {
            ProcessContainerizer agent = new ProcessContainerizer(Clock.systemUTC(), Path.of(args[0]),
                    ProcessProperties.defaults());
            String suffix = args[1];
            agent.launch(spec("running" + suffix, Path.of(args[2]),
                    "while [ ! -e release ]; do sleep 0.05; done; exit 7"));
            agent.launch(spec("ending" + suffix, Path.of(args[3]),
                    "while [ ! -e release ]; do sleep 0.05; done; exit 3"));
            System.out.println("launched");
            System.out.flush();
            // Parked until the test kills this JVM; gives up after five minutes if it never does.
            new java.util.concurrent.CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.MINUTES);
        }

        private static LaunchSpec spec(String id, Path sandbox, String shell) {
            TaskInfo task = TaskInfo.command(id, TaskId.of(id), AgentId.of("agent"), List.of(),
                    CommandInfo.shell(shell));
            return new LaunchSpec(ContainerId.of(id), task, FrameworkId.of("framework"), AgentId.of("agent"), sandbox,
                    Map.of("PATH", "/usr/bin:/bin"), 0.1, 32, List.of());
        }
    }

    /** The test's class path: surefire and failsafe put it in a property when they launch through a manifest jar. */
    private static String classpath() {
        String testPath = System.getProperty("surefire.test.class.path");
        return testPath != null && !testPath.isBlank() ? testPath : System.getProperty("java.class.path");
    }
}
