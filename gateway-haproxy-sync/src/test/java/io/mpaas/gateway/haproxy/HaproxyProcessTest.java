package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mpaas.testkit.time.MutableClock;

class HaproxyProcessTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final Sleeper sleeper = clock::advance;

    @Test
    void managedStartNeedsTheFirstConfigOnDisk() {
        HaproxyProcess process = new HaproxyProcess(HaproxySettings.under(dir, HaproxySettings.Mode.MANAGED),
                unreachable(), clock, sleeper);

        assertThatThrownBy(process::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("write the first config");
    }

    @Test
    void attachedStartOnlyWaitsUntilTheMasterShowsAWorker() {
        AtomicInteger polls = new AtomicInteger();
        MasterCli master = new MasterCli() {
            @Override
            public ProcessTable showProc() {
                if (polls.incrementAndGet() < 3) {
                    throw new HaproxyUnreachableException(dir, "refused", null);
                }
                return new ProcessTable(List.of(
                        new ProcessRow(1, ProcessRow.Role.MASTER, false, 0, 0, Duration.ZERO, "2.6"),
                        new ProcessRow(2, ProcessRow.Role.WORKER, false, 0, 0, Duration.ZERO, "2.6")));
            }

            @Override
            public void reload() {
                throw new AssertionError("start must not reload");
            }
        };
        HaproxyProcess process = new HaproxyProcess(HaproxySettings.under(dir, HaproxySettings.Mode.ATTACHED),
                master, clock, sleeper);

        process.start();

        assertThat(polls).hasValue(3);
        assertThat(process.masterPid()).isEmpty();
        process.stop(); // nothing to stop in attached mode
    }

    @Test
    void attachedStartGivesUpAfterTheStartTimeout() {
        HaproxyProcess process = new HaproxyProcess(HaproxySettings.under(dir, HaproxySettings.Mode.ATTACHED),
                unreachable(), clock, sleeper);

        assertThatThrownBy(process::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no worker within PT10S").hasMessageContaining("refused");
    }

    private MasterCli unreachable() {
        return new MasterCli() {
            @Override
            public ProcessTable showProc() {
                throw new HaproxyUnreachableException(dir, "refused", null);
            }

            @Override
            public void reload() {
                throw new HaproxyUnreachableException(dir, "refused", null);
            }
        };
    }
}
