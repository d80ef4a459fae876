package io.mpaas.marathon.health;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** What one probe of one instance found. */
public sealed interface Outcome {

    /** The check passed: HTTP 200-399 in time, or the TCP connect succeeded. */
    record Healthy() implements Outcome {
    }

    /**
     * The check failed.
     *
     * @param cause why, as {@code lastFailureCause} and the kill reason show it: the status line
     *              ({@code 500 Internal Server Error}) or the network error ({@code Connection refused})
     */
    record Unhealthy(String cause) implements Outcome {
    }

    /**
     * Nothing was learned; the state stays as it was: a 1xx answer under {@code ignoreHttp1xx}, or
     * an instance the check cannot address (no host port at the check's index).
     */
    record Ignored(String why) implements Outcome {
    }

    Outcome HEALTHY = new Healthy();

    /** The failure a network error means; {@code timeout} names the limit in the timeout message. */
    static Unhealthy failed(IOException e, String host, Duration timeout) {
        return new Unhealthy(switch (e) {
            case ConnectException c when c.getMessage() != null
                    && c.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out") ->
                    "Timed out after " + describe(timeout);
            case ConnectException c -> "Connection refused";
            case SocketTimeoutException t -> "Timed out after " + describe(timeout);
            case UnknownHostException u -> "Unknown host " + host;
            case NoRouteToHostException n -> "No route to host " + host;
            case EOFException eof -> "Connection closed before an answer";
            case SSLException s -> "TLS failed: " + s.getMessage();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        });
    }

    private static String describe(Duration timeout) {
        return timeout.toMillisPart() == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
