package io.mpaas.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fields the containerizer reads from {@code docker inspect}, on answers of a real Docker 20.10 engine. */
class ContainerDetailsTest {

    private static JsonNode answer(String name) throws Exception {
        try (InputStream in = ContainerDetailsTest.class.getResourceAsStream("/docker/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void aRunningContainerOnTheHostNetwork() throws Exception {
        ContainerDetails details = ContainerDetails.of(answer("inspect-running-host.json"));

        assertThat(details.name()).isEqualTo("mesos-7d1f0c2e-running");
        assertThat(details.id()).startsWith("3f1c0de5");
        assertThat(details.running()).isTrue();
        assertThat(details.pid()).isEqualTo(31072L);
        assertThat(details.exitCode()).isNull();
        assertThat(details.finishedAt()).isNull();
        assertThat(details.error()).isEmpty();
        assertThat(details.oomKilled()).isFalse();
        assertThat(details.networkMode()).isEqualTo("host");
        assertThat(details.ipAddresses()).isEmpty();
        assertThat(details.labels()).containsEntry("io.mpaas.task-id", "web.1").hasSize(2);
        assertThat(details.mounts()).containsEntry("/mnt/mesos/sandbox",
                "/var/lib/mesos-agent/slaves/a/frameworks/f/executors/web.1/runs/7d1f0c2e-running");
        assertThat(details.cpuShares()).isEqualTo(10);
        assertThat(details.memoryLimit()).isEqualTo(32L << 20);
        assertThat(details.cpus()).isEqualTo(10 / 1024.0);
    }

    @Test
    void anExitedContainerOnABridge() throws Exception {
        ContainerDetails details = ContainerDetails.of(answer("inspect-exited-bridge.json"));

        assertThat(details.running()).isFalse();
        assertThat(details.pid()).isNull();
        assertThat(details.exitCode()).isEqualTo(137);
        assertThat(details.oomKilled()).isTrue();
        assertThat(details.finishedAt()).isEqualTo(Instant.parse("2026-11-22T06:41:02.123456789Z"));
        assertThat(details.networkMode()).isEqualTo("bridge");
        assertThat(details.ipAddresses()).containsExactly(java.util.Map.entry("bridge", "172.17.0.5"));
        assertThat(details.cpus()).isEqualTo(0.5);
    }

    @Test
    void whatTheAnswerLacksIsNull() throws Exception {
        ContainerDetails details = ContainerDetails.of(new ObjectMapper().readTree("{\"Name\":\"/x\",\"State\":{}}"));

        assertThat(details.name()).isEqualTo("x");
        assertThat(details.running()).isFalse();
        assertThat(details.exitCode()).isNull();
        assertThat(details.networkMode()).isNull();
        assertThat(details.cpuShares()).isNull();
        assertThat(details.labels()).isEmpty();
        assertThat(details.cpus()).isNull();
    }
}
