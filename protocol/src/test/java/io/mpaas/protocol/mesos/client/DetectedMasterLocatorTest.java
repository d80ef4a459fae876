package io.mpaas.protocol.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DetectedMasterLocatorTest {

    private static final URI OLD = URI.create("http://m1:5050");
    private static final URI NEW = URI.create("http://m2:5050");

    @Test
    void aNewLeaderEndsThePauseLongBeforeTheBackoff() {
        AtomicReference<Optional<URI>> leader = new AtomicReference<>(Optional.empty());
        MasterLocator locator = MasterLocator.detectedBy(leader::get);
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Boolean> pause = CompletableFuture.supplyAsync(() -> {
            try {
                return locator.pause(Duration.ofMinutes(10), OLD, stop);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        leader.set(Optional.of(OLD));
        leader.set(Optional.of(NEW));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(pause::isDone);
        assertThat(pause.join()).isFalse();
        assertThat(locator.current()).contains(NEW);
    }

    @Test
    void theSameLeaderWaitsTheWholePauseAndStopEndsIt() throws Exception {
        MasterLocator locator = MasterLocator.detectedBy(() -> Optional.of(OLD));
        assertThat(locator.pause(Duration.ofMillis(120), OLD, new CountDownLatch(1))).isFalse();
        CountDownLatch stop = new CountDownLatch(1);
        stop.countDown();
        assertThat(locator.pause(Duration.ofMinutes(10), OLD, stop)).isTrue();
    }

    @Test
    void aStaticListWaitsItsBackoff() throws Exception {
        MasterLocator locator = MasterLocator.of(java.util.List.of(OLD, NEW));
        CountDownLatch stop = new CountDownLatch(1);
        stop.countDown();
        assertThat(locator.pause(Duration.ofMinutes(10), OLD, stop)).isTrue();
        assertThat(locator.pause(Duration.ofMillis(10), OLD, new CountDownLatch(1))).isFalse();
    }
}
