package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.http.StreamingPost;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends one SUBSCRIBE and follows the master's 307s until a master answers with an event
 * stream or a failure. Blocking; runs on the subscription thread.
 */
final class MasterConnector {

    /** Error bodies are short plain text; this much is kept for the listener and the log. */
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final HttpClient http;
    private final SchedulerClientSettings settings;

    MasterConnector(HttpClient http, SchedulerClientSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** The result of one subscription attempt. */
    sealed interface Outcome permits Connected, Failed {
    }

    /** 200 with a stream id: the caller owns {@code body} and must close it. */
    record Connected(URI master, String streamId, InputStream body) implements Outcome {
    }

    /** No stream; {@code master} is the one that failed, after redirects. */
    record Failed(SubscriptionFailure.Kind kind, URI master, int status, String detail) implements Outcome {

        /** Another master may do better: tell the locator. */
        boolean masterUnusable() {
            return kind == SubscriptionFailure.Kind.UNREACHABLE || kind == SubscriptionFailure.Kind.UNAVAILABLE;
        }

        /** Retrying soon cannot help (401, 403, 400 bad FrameworkInfo, not a Mesos master): wait the longest. */
        boolean needsOperator() {
            return (kind == SubscriptionFailure.Kind.REJECTED && status >= 400 && status < 500)
                    || kind == SubscriptionFailure.Kind.MALFORMED_RESPONSE;
        }
    }

    Outcome subscribe(URI master, Call subscribe) throws InterruptedException {
        byte[] body = MesosJson.write(subscribe);
        SchedulerEndpoint endpoint = new SchedulerEndpoint(master);
        for (int hops = 0; ; hops++) {
            StreamingPost.Answer response;
            try {
                response = StreamingPost.open(http, endpoint.uri(), body, settings.connectTimeout(),
                        settings.requestTimeout(), SchedulerEndpoint.headers(settings, null));
            } catch (IOException e) {
                return new Failed(SubscriptionFailure.Kind.UNREACHABLE, endpoint.master(), 0, describe(e));
            }
            int status = response.status();
            if (status == 200) {
                return stream(endpoint.master(), response);
            }
            String text = drain(response.body());
            if (status != 307 && status != 308) {
                SubscriptionFailure.Kind kind = status == 503
                        ? SubscriptionFailure.Kind.UNAVAILABLE
                        : SubscriptionFailure.Kind.REJECTED;
                return new Failed(kind, endpoint.master(), status, text);
            }
            Optional<String> location = response.header("Location");
            if (location.isEmpty() || hops >= settings.maxRedirects()) {
                String why = location.isEmpty() ? "307 without Location" : "more than " + hops + " redirects";
                return new Failed(SubscriptionFailure.Kind.REDIRECT_FAILED, endpoint.master(), status, why);
            }
            try {
                endpoint = endpoint.redirectedTo(location.get());
            } catch (IllegalArgumentException e) {
                return new Failed(SubscriptionFailure.Kind.REDIRECT_FAILED, endpoint.master(), status, e.getMessage());
            }
        }
    }

    private static Outcome stream(URI master, StreamingPost.Answer response) {
        // Header names are looked up whatever their case: "mesos-stream-id" is found too.
        Optional<String> streamId = response.header("Mesos-Stream-Id").filter(s -> !s.isBlank());
        String contentType = response.header("Content-Type").orElse("application/json");
        String problem = streamId.isEmpty() ? "200 without a Mesos-Stream-Id header"
                : !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
                        ? "stream of " + contentType + ", expected application/json" : null;
        if (problem != null) {
            closeQuietly(response.body());
            return new Failed(SubscriptionFailure.Kind.MALFORMED_RESPONSE, master, 200, problem);
        }
        return new Connected(master, streamId.get(), response.body());
    }

    private static String drain(InputStream body) {
        try (body) {
            return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing is how a stream is abandoned; a failure to close changes nothing.
        }
    }

    /** An I/O failure as one line; some JDK exceptions have no message of their own. */
    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
