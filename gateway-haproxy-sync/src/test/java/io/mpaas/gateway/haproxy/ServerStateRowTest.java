package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServerStateRowTest {

    @Test
    void parsesCapturedAnswerByColumnNames() throws IOException {
        List<ServerStateRow> rows = ServerStateRow.parse(ProcessTableTest.fixture("show-servers-state.txt"));

        assertThat(rows).containsExactly(
                new ServerStateRow("be", "s1", "127.0.0.1", 23457, 2, 0, 1),
                new ServerStateRow("be", "s2", "127.0.0.1", 23457, 2, 4, 1),
                new ServerStateRow("be", "s3", "0.0.0.0", 0, 0, 5, 1));
    }

    @Test
    void aConfiguredDisabledSlotMadeReadyIsUpButAFreeSlotIsInMaintenance() throws IOException {
        List<ServerStateRow> rows = ServerStateRow.parse(ProcessTableTest.fixture("show-servers-state.txt"));

        assertThat(rows.get(0).up()).isTrue();
        // admin state 4 only remembers "disabled in the config"; after "state ready" the slot serves
        assertThat(rows.get(1).up()).isTrue();
        assertThat(rows.get(1).inMaintenance()).isFalse();
        assertThat(rows.get(2).inMaintenance()).isTrue();
        assertThat(rows.get(2).up()).isFalse();
    }

    @Test
    void drainIsReadFromTheAdminBits() {
        ServerStateRow draining = new ServerStateRow("be", "s1", "10.0.0.1", 80, 2, 0x08, 1);

        assertThat(draining.draining()).isTrue();
        assertThat(draining.inMaintenance()).isFalse();
    }

    @Test
    void columnsAreFoundByNameNotPosition() {
        List<ServerStateRow> rows = ServerStateRow.parse("""
                1
                # srv_port srv_name be_name srv_uweight srv_admin_state srv_op_state srv_addr extra
                8080 web api 7 1 0 10.1.1.1 x
                """);

        assertThat(rows).containsExactly(new ServerStateRow("api", "web", "10.1.1.1", 8080, 0, 1, 7));
    }

    @Test
    void aMissingColumnIsAnError() {
        assertThatThrownBy(() -> ServerStateRow.parse("1\n# be_name srv_name\nbe s1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("srv_addr");
    }
}
