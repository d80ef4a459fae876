package io.mpaas.agent.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.mpaas.testkit.framework.RawHttpFramework;
import io.mpaas.testkit.process.ServiceProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * How fast one agent launches: {@code --containers} busybox containers through a raw-HTTP
 * framework, the master and the agent (ACCEPT until every task is RUNNING), against the same
 * containers created and started directly with docker-java; then {@code --processes} process
 * tasks through the same path. The master runs on an embedded database; both services are
 * their real jars, as separate processes.
 *
 * <p>Run with {@code scripts/bench-agent.sh [-- --containers 50 --processes 500]}.
 */
public final class LaunchBenchmark {

    private static final String IMAGE = "mpaas/busybox:latest";

    public static void main(String[] args) throws Exception {
        int containers = intArg(args, "--containers", 50);
        int processes = intArg(args, "--processes", 500);
        Path work = Files.createTempDirectory("agent-bench-");
        System.out.printf("Machine: %d cores, %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));

        double direct = direct(containers);
        System.out.printf(Locale.ROOT, "direct docker-java: %d containers created and started in %.2f s%n",
                containers, direct);

        try (ServiceProcess master = ServiceProcess.master(Path.of("mesos-master-svc"), "bench-master", List.of(
                "--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--mesos.master.registry.allow-embedded=true", "--mesos.master.allocation.interval=200ms",
                "--mesos.master.security.credentials[0].principal=bench",
                "--mesos.master.security.credentials[0].secret=bench-secret"))) {
            master.awaitHealthy(Duration.ofMinutes(2));
            try (ServiceProcess agent = ServiceProcess.start(Path.of("agent-svc", "target"), "agent-svc",
                    "bench-agent", "/health", ServiceProcess.freePort(), List.of(
                            "--mesos.agent.work-dir=" + work, "--mesos.agent.hostname=localhost",
                            "--mesos.agent.ip=127.0.0.1", "--mesos.agent.master.url=" + master.uri(),
                            "--mesos.agent.master.principal=bench", "--mesos.agent.master.secret=bench-secret",
                            "--mesos.agent.resources=cpus:64;mem:262144;disk:100000;ports:[34000-34999]",
                            "--logging.level.io.mpaas=WARN"));
                    RawHttpFramework framework = new RawHttpFramework(master.uri(), "bench", "bench-secret")) {
                agent.awaitHealthy(Duration.ofMinutes(2));
                framework.subscribe("{\"user\":\"root\",\"name\":\"bench\",\"principal\":\"bench\",\"roles\":[\"*\"],"
                        + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}");
                double platform = launch(framework, "docker", containers, true);
                System.out.printf(Locale.ROOT, "framework -> master -> agent: %d containers RUNNING in %.2f s"
                        + " (%.2f x direct; target <= 1.15)%n", containers, platform, platform / direct);
                killAll(framework, "docker", containers);
                double process = launch(framework, "process", processes, false);
                System.out.printf(Locale.ROOT, "process containerizer: %d tasks RUNNING in %.2f s (%.0f tasks/s)%n",
                        processes, process, processes / process);
                killAll(framework, "process", processes);
            }
        } finally {
            cleanup(work);
        }
    }

    /** Creates and starts the containers one after the other, as the agent's single launch path would. */
    private static double direct(int count) throws Exception {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").build();
        var transport = new ApacheDockerHttpClient.Builder().dockerHost(URI.create("unix:///var/run/docker.sock"))
                .build();
        try (DockerClient docker = DockerClientImpl.getInstance(config, transport)) {
            List<String> ids = new ArrayList<>();
            long start = System.nanoTime();
            // Started in parallel, as the agent starts each task on its own thread.
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    String id = docker.createContainerCmd(IMAGE).withName("bench-direct-" + n)
                            .withCmd("/bin/sh", "-c", "sleep 600")
                            .withHostConfig(HostConfig.newHostConfig().withMemory(32L << 20).withCpuShares(10)
                                    .withNetworkMode("host"))
                            .exec().getId();
                    docker.startContainerCmd(id).exec();
                    synchronized (ids) {
                        ids.add(id);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (String id : ids) {
                docker.removeContainerCmd(id).withForce(true).exec();
            }
            return seconds;
        }
    }

    /** Launches {@code count} tasks in one ACCEPT and returns the seconds until all are RUNNING. */
    private static double launch(RawHttpFramework framework, String prefix, int count, boolean docker)
            throws Exception {
        JsonNode offer = framework.next("OFFERS", Duration.ofMinutes(1)).path("offers").path("offers").get(0);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add("{\"name\":\"" + prefix + i + "\",\"task_id\":{\"value\":\"" + prefix + "-" + i + "\"},"
                    + "\"agent_id\":" + offer.path("agent_id") + ",\"resources\":["
                    + "{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.01},"
                    + "\"allocation_info\":{\"role\":\"*\"}},"
                    + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32},"
                    + "\"allocation_info\":{\"role\":\"*\"}}],"
                    + (docker ? "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + IMAGE
                            + "\",\"network\":\"HOST\"}}," : "")
                    + "\"command\":{\"shell\":true,\"value\":\"sleep 600\"}}");
        }
        long start = System.nanoTime();
        framework.call("ACCEPT", "accept", "{\"offer_ids\":[" + offer.path("id") + "],\"operations\":[{\"type\":"
                + "\"LAUNCH\",\"launch\":{\"task_infos\":[" + String.join(",", tasks) + "]}}]}");
        int running = 0;
        while (running < count) {
            JsonNode status = framework.next("UPDATE", Duration.ofMinutes(5)).path("update").path("status");
            framework.acknowledge(status);
            String state = status.path("state").asString();
            if (state.equals("TASK_RUNNING")) {
                running++;
            } else if (!state.equals("TASK_STARTING")) {
                throw new IllegalStateException("task " + status.path("task_id") + " ended " + state + ": "
                        + status.path("message").asString());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void killAll(RawHttpFramework framework, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            framework.call("KILL", "kill", "{\"task_id\":{\"value\":\"" + prefix + "-" + i + "\"}}");
        }
        int ended = 0;
        while (ended < count) {
            JsonNode status = framework.next("UPDATE", Duration.ofMinutes(5)).path("update").path("status");
            framework.acknowledge(status);
            if (status.path("state").asString().equals("TASK_KILLED")) {
                ended++;
            }
        }
    }

    private static void cleanup(Path work) throws Exception {
        new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=io.mpaas.agent-work-dir=" + work
                + " | xargs -r docker rm -f; rm -rf " + work).inheritIO().start().waitFor();
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
