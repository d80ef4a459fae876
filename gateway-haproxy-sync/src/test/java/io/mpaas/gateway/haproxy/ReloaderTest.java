package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mpaas.testkit.time.MutableClock;

class ReloaderTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final Sleeper sleeper = clock::advance;
    private final FakeMaster master = new FakeMaster();
    private final Reloader reloader = new Reloader(master, Duration.ofSeconds(10), 3, clock, sleeper);

    @Test
    void confirmsOnlyOnceANewWorkerReplacedTheOldOne() {
        master.script.add(Outcome.SUCCEED_AFTER_5_POLLS);

        ReloadResult result = reloader.reload();

        assertThat(result.ok()).isTrue();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.newWorkerPid()).isEqualTo(101);
        assertThat(result.message()).contains("101");
        assertThat(master.pollsAfterReload).isGreaterThanOrEqualTo(5);
        // five polls, four pauses between them: the clock only moves when the reloader waits
        assertThat(result.duration()).isEqualTo(Reloader.POLL_INTERVAL.multipliedBy(4));
    }

    @Test
    void retriesWhileTheMasterRefusesTheReloadCommand() {
        master.script.add(Outcome.REFUSE_CONNECTION);
        master.script.add(Outcome.REFUSE_CONNECTION);
        master.script.add(Outcome.SUCCEED_AFTER_5_POLLS);

        ReloadResult result = reloader.reload();

        assertThat(result.ok()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
    }

    @Test
    void sendsAgainWhenNothingChangedWithinTheTimeout() {
        master.script.add(Outcome.LOST);
        master.script.add(Outcome.SUCCEED_AFTER_5_POLLS);

        ReloadResult result = reloader.reload();

        assertThat(result.ok()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        master.script.add(Outcome.LOST);
        master.script.add(Outcome.LOST);
        master.script.add(Outcome.LOST);

        ReloadResult result = reloader.reload();

        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.newWorkerPid()).isNull();
        assertThat(result.message()).contains("gave up after 3 attempts").contains("no new worker");
        assertThat(master.reloadsReceived).isEqualTo(3);
    }

    @Test
    void aRejectedConfigFailsAtOnceWithoutRetrying() {
        master.script.add(Outcome.REJECT);

        ReloadResult result = reloader.reload();

        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.message()).contains("rejected");
        assertThat(master.reloadsReceived).isEqualTo(1);
    }

    @Test
    void aGoodReloadAfterAnEarlierFailureIsConfirmed() {
        master.failed = 1;
        master.script.add(Outcome.SUCCEED_AFTER_5_POLLS);

        assertThat(reloader.reload().ok()).isTrue();
    }

    @Test
    void showProcRefusedDuringTheReExecIsWaitedOut() {
        master.refuseShowProcAfterReload = 3;
        master.script.add(Outcome.SUCCEED_AFTER_5_POLLS);

        assertThat(reloader.reload().ok()).isTrue();
    }

    @Test
    void anUnreachableMasterIsReportedWithoutSendingReload() {
        master.down = true;

        ReloadResult result = reloader.reload();

        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isZero();
        assertThat(result.message()).contains("did not answer");
    }

    private enum Outcome { SUCCEED_AFTER_5_POLLS, REFUSE_CONNECTION, LOST, REJECT }

    /** A master whose answers to reload follow a script; the state it shows is what show proc would show. */
    private static final class FakeMaster implements MasterCli {
        final Deque<Outcome> script = new ArrayDeque<>();
        int reloads;
        int failed;
        int reloadsReceived;
        int pollsAfterReload;
        int pendingPolls = -1;
        int refuseShowProcAfterReload;
        boolean down;
        List<Integer> current = new ArrayList<>(List.of(100));
        List<Integer> old = new ArrayList<>();

        @Override
        public ProcessTable showProc() {
            if (down || refuseShowProcAfterReload > 0 && reloadsReceived > 0 && refuseShowProcAfterReload-- > 0) {
                throw new HaproxyUnreachableException(Path.of("/fake"), "refused", null);
            }
            pollsAfterReload++;
            if (pendingPolls > 0 && --pendingPolls == 0) {
                old.addAll(current);
                current = new ArrayList<>(List.of(101));
                reloads++;
                failed = 0;
            }
            List<ProcessRow> rows = new ArrayList<>();
            rows.add(new ProcessRow(1, ProcessRow.Role.MASTER, false, reloads, failed, Duration.ZERO, "2.6"));
            current.forEach(p -> rows.add(new ProcessRow(p, ProcessRow.Role.WORKER, false, 0, 0, Duration.ZERO, "2.6")));
            old.forEach(p -> rows.add(new ProcessRow(p, ProcessRow.Role.WORKER, true, 1, 0, Duration.ZERO, "2.6")));
            return new ProcessTable(rows);
        }

        @Override
        public void reload() {
            Outcome outcome = script.removeFirst();
            if (outcome == Outcome.REFUSE_CONNECTION) {
                throw new HaproxyUnreachableException(Path.of("/fake"), "connection refused", null);
            }
            reloadsReceived++;
            pollsAfterReload = 0;
            switch (outcome) {
                case SUCCEED_AFTER_5_POLLS -> pendingPolls = 5;
                case REJECT -> {
                    reloads++;
                    failed++;
                }
                default -> { }
            }
        }
    }
}
