package io.mpaas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckOutcomeTest {

    @Test
    void describesDurationsAsPeopleWriteThem() {
        assertThat(CheckOutcome.describe(Duration.ofSeconds(20))).isEqualTo("20s");
        assertThat(CheckOutcome.describe(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(CheckOutcome.describe(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(CheckOutcome.describe(Duration.ofNanos(1_500_000))).isEqualTo("0.0015s");
        assertThat(CheckOutcome.describe(Duration.ofMinutes(2))).isEqualTo("120s");
    }

    @Test
    void quotesTheFirstMessageAlongTheCauses() {
        IOException error = new IOException(null, new IOException("No route to host"));

        assertThat(CheckOutcome.failed("TCP connect to 10.0.0.7:80", error))
                .isEqualTo(CheckOutcome.failed("TCP connect to 10.0.0.7:80: no route to host"));
    }

    @Test
    void aConnectExceptionWithoutMessageIsARefusedConnection() {
        IOException error = new IOException(null, new ConnectException());

        assertThat(CheckOutcome.failed("HTTP GET http://10.0.0.7:80/", error).message())
                .isEqualTo("HTTP GET http://10.0.0.7:80/: connection refused");
    }

    @Test
    void timedOutSaysAfterHowLong() {
        assertThat(CheckOutcome.timedOut("command", Duration.ofSeconds(20)))
                .isEqualTo(CheckOutcome.failed("command: timed out after 20s"));
    }
}
