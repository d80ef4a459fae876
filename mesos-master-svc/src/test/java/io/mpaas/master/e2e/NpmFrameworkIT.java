package io.mpaas.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.testkit.agent.SimulatedAgent;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Mesos framework that people who never saw this code wrote: the npm library {@code mesos-framework}
 * (0.5.3, installed by {@code scripts/test-env.sh}), run by Node.js as its own process against the
 * master's jar, with a simulated agent. It subscribes, launches a command task with a port on an offer,
 * acknowledges STARTING, RUNNING and FINISHED, and tears down. The library writes every field of its
 * messages, set or not (explicit nulls), and reads the event stream one HTTP chunk at a time.
 */
class NpmFrameworkIT {

    /** Where test-env.sh installs the library (its {@code node_modules} is below). */
    private static final Path NPM_DIR = Path.of(System.getenv().getOrDefault("MPAAS_TEST_NPM_DIR",
            "/var/cache/mpaas-test/npm"));

    private static MasterOnPostgres master;
    private static SimulatedAgent agent;

    @BeforeAll
    static void start() throws Exception {
        assertThat(NPM_DIR.resolve("node_modules/mesos-framework/package.json"))
                .as("the npm library mesos-framework; scripts/test-env.sh installs it").exists();
        master = MasterOnPostgres.start("master-npm", "master_npm", List.of(
                "--mesos.master.security.credentials[0].principal=npm-agent",
                "--mesos.master.security.credentials[0].secret=agent-secret",
                // The library cannot authenticate; agents still must.
                "--mesos.master.security.authenticate-frameworks=false",
                "--mesos.master.allocation.interval=200ms"));
        agent = new SimulatedAgent("npm-agent-host", "cpus:2;mem:2048;disk:10000;ports:[31000-31099]", "",
                SimulatedAgent.Behavior.finishAfter(Duration.ofSeconds(1)), MasterLocator.of(List.of(master.uri())),
                "npm-agent:agent-secret", HttpClient.newHttpClient()).start();
        Awaitility.await("agent registered").atMost(Duration.ofSeconds(60)).until(agent::isRegistered);
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void theNpmMesosFrameworkRunsATaskToCompletion() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "npm-framework"));
        Files.createDirectories(work.resolve("logs")); // the library's own log files
        Path script = work.resolve("npm-framework.js");
        try (InputStream in = NpmFrameworkIT.class.getResourceAsStream("/third-party/npm-framework.js")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder node = new ProcessBuilder("node", script.toAbsolutePath().toString())
                .directory(work.toFile()).redirectErrorStream(true);
        node.environment().put("NODE_PATH", NPM_DIR.resolve("node_modules").toString());
        node.environment().put("MESOS_MASTER_HOST", master.uri().getHost());
        node.environment().put("MESOS_MASTER_PORT", Integer.toString(master.uri().getPort()));
        Process process = node.start();
        String output = readAll(process);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("node exits; output:%n%s", output).isTrue();

        assertThat(output).contains("SUBSCRIBED ");
        assertThat(process.exitValue()).as("output:%n%s", output).isZero();
        // Updates are delivered at least once (an agent resends until acknowledged): repeats are fine.
        String states = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow()
                .substring("RESULT ".length());
        assertThat(Arrays.stream(states.split(",")).distinct().toList())
                .containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
    }

    /** Everything the process prints until it exits (it exits by itself within its own 60 s timeout). */
    private static String readAll(Process process) throws IOException {
        try (InputStream in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
