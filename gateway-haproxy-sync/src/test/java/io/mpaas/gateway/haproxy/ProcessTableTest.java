package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProcessTableTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = ProcessTableTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesMasterCurrentAndOldWorkers() throws IOException {
        ProcessTable table = ProcessTable.parse(fixture("show-proc-old-workers.txt"));

        assertThat(table.master()).hasValueSatisfying(m -> {
            assertThat(m.pid()).isEqualTo(18377);
            assertThat(m.reloads()).isEqualTo(5);
            assertThat(m.failedReloads()).isZero();
            assertThat(m.uptime()).isEqualTo(Duration.ofSeconds(46));
            assertThat(m.version()).isEqualTo("2.6.12-1+deb12u4");
        });
        assertThat(table.currentWorkers()).extracting(ProcessRow::pid).containsExactly(19357);
        assertThat(table.oldWorkers()).extracting(ProcessRow::pid).containsExactly(19309);
        assertThat(table.oldWorkers().getFirst().reloads()).isEqualTo(1);
        assertThat(table.workerPids()).containsExactlyInAnyOrder(19357, 19309);
    }

    @Test
    void failedReloadKeepsTheWorkerAndCountsTheFailure() throws IOException {
        ProcessTable table = ProcessTable.parse(fixture("show-proc-failed-reload.txt"));

        assertThat(table.master().orElseThrow().failedReloads()).isEqualTo(1);
        assertThat(table.master().orElseThrow().reloads()).isEqualTo(2);
        assertThat(table.currentWorkers()).singleElement()
                .satisfies(w -> assertThat(w.reloads()).isEqualTo(1));
        assertThat(table.oldWorkers()).isEmpty();
    }

    @Test
    void parsesDaysAndHoursOfUptime() {
        ProcessTable table = ProcessTable.parse("""
                #<PID>          <type>          <reloads>       <uptime>        <version>
                7               master          0 [failed: 0]   2d03h04m05s     2.6.12
                # workers
                8               worker          0               2d03h04m04s     2.6.12
                """);

        assertThat(table.master().orElseThrow().uptime())
                .isEqualTo(Duration.ofDays(2).plusHours(3).plusMinutes(4).plusSeconds(5));
    }

    @Test
    void anEmptyAnswerHasNoMaster() {
        assertThat(ProcessTable.parse("").master()).isEmpty();
    }

    @Test
    void rejectsAnUnexpectedRow() {
        assertThatThrownBy(() -> ProcessTable.parse("Unknown command\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown command");
    }
}
