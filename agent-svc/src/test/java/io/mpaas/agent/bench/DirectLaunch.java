package io.mpaas.agent.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's baseline: the containers created and started directly with docker-java.
 *
 * @param seconds from the first create to the last start answered
 * @param perContainerMillis each container's create plus start
 * @param cpu what the processes spent meanwhile ({@link CpuTimes#between})
 */
record DirectLaunch(double seconds, List<Long> perContainerMillis, String cpu) {

    /**
     * Creates and starts the containers in parallel, as the agent starts each task on its own
     * thread. Bare: image, {@code sh -c}, memory, cpu shares, host network, nothing else (the
     * baseline of the earlier figures). Like the agent's (with {@code sandboxes}): also what the
     * agent's containers carry by design: a sandbox directory bind-mounted at
     * {@code /mnt/mesos/sandbox}, the five labels, the Mesos environment, swap equal to memory.
     * The difference between the two is the engine's price of those, not the platform's.
     */
    static DirectLaunch run(String image, int count, CpuTimes cpu, Path sandboxes) throws Exception {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").build();
        var transport = new ApacheDockerHttpClient.Builder().dockerHost(URI.create("unix:///var/run/docker.sock"))
                .build();
        try (DockerClient docker = DockerClientImpl.getInstance(config, transport)) {
            List<String> ids = new ArrayList<>();
            List<Long> each = new ArrayList<>();
            List<CreateContainerCmd> commands = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "bench-direct-" + i;
                HostConfig host = HostConfig.newHostConfig().withMemory(32L << 20).withCpuShares(10)
                        .withNetworkMode("host");
                var create = docker.createContainerCmd(image).withName(name).withCmd("/bin/sh", "-c", "sleep 600");
                if (sandboxes != null) {
                    Path sandbox = Files.createDirectories(sandboxes.resolve(name));
                    host.withMemorySwap(32L << 20).withBinds(Bind.parse(
                            sandbox + ":/mnt/mesos/sandbox:rw"));
                    create.withEntrypoint("/bin/sh").withCmd("-c", "sleep 600").withLabels(Map.of(
                            "io.mpaas.task-id", name, "io.mpaas.framework-id", "bench", "io.mpaas.agent-id", "bench",
                            "io.mpaas.container-id", name, "io.mpaas.agent-work-dir", sandboxes.toString()))
                            .withEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                    "HOST=localhost", "MESOS_TASK_ID=" + name, "MESOS_FRAMEWORK_ID=bench",
                                    "MESOS_AGENT_ID=bench", "MESOS_SLAVE_ID=bench", "MESOS_EXECUTOR_ID=" + name,
                                    "MESOS_CONTAINER_NAME=" + name, "MESOS_DIRECTORY=" + sandbox,
                                    "MESOS_ALLOCATION_ROLE=*", "MESOS_SANDBOX=/mnt/mesos/sandbox");
                }
                commands.add(create.withHostConfig(host));
            }
            Map<String, Long> before = cpu.sample();
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (var create : commands) {
                threads.add(Thread.ofVirtual().start(() -> {
                    long begin = System.nanoTime();
                    String id = create.exec().getId();
                    docker.startContainerCmd(id).exec();
                    synchronized (ids) {
                        ids.add(id);
                        each.add((System.nanoTime() - begin) / 1_000_000);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String used = CpuTimes.between(before, cpu.sample(), seconds);
            for (String id : ids) {
                docker.removeContainerCmd(id).withForce(true).exec();
            }
            return new DirectLaunch(seconds, each, used);
        }
    }
}
