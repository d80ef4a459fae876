package io.mpaas.agent.health;

import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Objects;

/**
 * The result of one probe.
 *
 * @param message what was tried and what came of it, for the agent's log and the status
 *     update's message, for example "HTTP GET http://172.17.0.2:8080/ returned 503"
 */
record CheckOutcome(boolean healthy, String message) {

    CheckOutcome {
        Objects.requireNonNull(message, "message");
    }

    static CheckOutcome passed(String message) {
        return new CheckOutcome(true, message);
    }

    static CheckOutcome failed(String message) {
        return new CheckOutcome(false, message);
    }

    /** {@code what} did not finish within {@code timeout}: "HTTP GET …: timed out after 20s". */
    static CheckOutcome timedOut(String what, Duration timeout) {
        return failed(what + ": timed out after " + describe(timeout));
    }

    /**
     * {@code what} failed with {@code error}: the first message found along its causes,
     * starting in lower case to read on after the colon. The JDK's HTTP client reports a
     * refused connection as a {@link ConnectException} without any message; that is
     * "connection refused", which is what the socket said.
     */
    static CheckOutcome failed(String what, Throwable error) {
        return failed(what + ": " + reason(error));
    }

    /** A duration as people write it: "20s", "1.5s", "200ms". */
    static String describe(Duration duration) {
        if (duration.toMillis() < 1000 && duration.compareTo(Duration.ofMillis(duration.toMillis())) == 0) {
            return duration.toMillis() + "ms";
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros();
        return seconds.toPlainString() + "s";
    }

    private static String reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                return Character.toLowerCase(message.charAt(0)) + message.substring(1);
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return error.getClass().getSimpleName();
    }
}
