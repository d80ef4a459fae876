package io.mpaas.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ResourceStatistics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AwaitedContainerTest {

    private static final ContainerId ID = new ContainerId("c1");
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    /** A container that runs until killed and records its kills. */
    private static final class Running implements ContainerHandle {
        final List<Duration> kills = new ArrayList<>();
        final CompletableFuture<ContainerExit> exit = new CompletableFuture<>();

        @Override
        public ContainerId id() {
            return ID;
        }

        @Override
        public ContainerExit awaitExit() {
            return exit.join();
        }

        @Override
        public synchronized void kill(Duration grace) {
            kills.add(grace);
            exit.complete(ContainerExit.killed(137, AT));
        }

        @Override
        public ExecResult exec(String shellCommand, Map<String, String> environment, Duration timeout) {
            return new ExecResult(0, false, "ran " + shellCommand);
        }

        @Override
        public InetSocketAddress probeAddress(int port) {
            return InetSocketAddress.createUnresolved("172.17.0.5", port);
        }

        @Override
        public Optional<ResourceStatistics> statistics() {
            return Optional.empty();
        }

        @Override
        public Optional<Long> pid() {
            return Optional.of(42L);
        }
    }

    private final AwaitedContainer awaited = new AwaitedContainer(ID);
    private final Running running = new Running();

    @Test
    void onceFoundEverythingGoesToTheContainer() throws Exception {
        CompletableFuture<ContainerExit> exit = CompletableFuture.supplyAsync(this::awaitExit);
        assertThat(awaited.pid()).isEmpty();
        assertThat(awaited.exec("true", Map.of(), Duration.ofSeconds(1)).succeeded()).isFalse();

        awaited.found(running);
        assertThat(awaited.pid()).contains(42L);
        assertThat(awaited.exec("true", Map.of(), Duration.ofSeconds(1)).output()).isEqualTo("ran true");
        assertThat(awaited.probeAddress(80).getHostString()).isEqualTo("172.17.0.5");
        assertThat(exit).isNotDone();

        awaited.kill(Duration.ofSeconds(3));
        assertThat(running.kills).containsExactly(Duration.ofSeconds(3));
        assertThat(exit.get(5, TimeUnit.SECONDS).killed()).isTrue();
    }

    @Test
    void aKillAskedForBeforeTheContainerIsFoundIsDeliveredWhenItIs() throws Exception {
        awaited.kill(Duration.ofSeconds(7));
        assertThat(running.kills).isEmpty();

        awaited.found(running);

        assertThat(running.kills).containsExactly(Duration.ofSeconds(7));
        assertThat(awaited.awaitExit().killed()).isTrue();
    }

    @Test
    void aVanishedContainerEndsTheWaitWithItsReasonAndIgnoresKills() {
        CompletableFuture<ContainerExit> exit = CompletableFuture.supplyAsync(this::awaitExit);

        awaited.vanished("the docker containerizer did not answer within 15m");
        awaited.kill(Duration.ofSeconds(1));

        assertThatThrownBy(() -> exit.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(AwaitedContainer.Vanished.class)
                .cause().hasMessage("the docker containerizer did not answer within 15m");
        assertThat(running.kills).isEmpty();
    }

    private ContainerExit awaitExit() {
        try {
            return awaited.awaitExit();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
