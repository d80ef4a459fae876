package io.mpaas.marathon.ha;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one request, whether this instance answers it or the leader does, as Marathon's standbys do: the
 * leader answers (and says so in {@code X-Marathon-Leader}); a standby forwards to the leader, except the event
 * stream, which it redirects (a long-lived stream through a second hop would pin a standby thread and double the
 * failure points); {@code /v2/leader} and {@code /v2/info} are answered here, with this instance's view of the
 * leader. Pure: the filter gathers the facts, acts on the {@link Route}, and asks again on {@link Unknown}.
 */
final class LeaderRouter {

    /** The response header naming the leader, on every answer of the leader. */
    static final String LEADER_HEADER = "X-Marathon-Leader";

    /** The request header each forwarding instance adds its {@code host:port} to, to detect loops. */
    static final String VIA_HEADER = "X-Marathon-Via";

    static final String EVENTS_PATH = "/v2/events";

    /** Answered by every instance itself: they report who leads, which a standby knows as well as the leader. */
    static final Set<String> LOCAL_PATHS = Set.of("/v2/leader", "/v2/leader/", "/v2/info", "/v2/info/");

    static final String LOOP_MESSAGE = "Detected proxying loop.";

    private LeaderRouter() {
    }

    /** What to do with the request. */
    sealed interface Route {
    }

    /** Answer here; add {@code X-Marathon-Leader} with {@code leaderUrl} when present (this instance leads). */
    record Serve(Optional<String> leaderUrl) implements Route {
    }

    /** Send the request on to the leader at {@code target}, and its answer back. */
    record Forward(URI target) implements Route {
    }

    /** 302 to the leader's event stream. */
    record Redirect(URI location) implements Route {
    }

    /** Answer with an error and this message. */
    record Refuse(int status, String message) implements Route {
    }

    /**
     * No leader is known, or the known one is this instance though it does not lead (it was just elected and has
     * not noticed, or is stepping down): look again shortly.
     */
    record Unknown() implements Route {
    }

    /**
     * The facts of one request.
     *
     * @param path  the path inside the application, as received (still percent-encoded: app ids may hold {@code %2F})
     * @param query the raw query string, or null
     * @param via   the values of {@link #VIA_HEADER}, each possibly a comma-separated list
     */
    record Inbound(String method, String scheme, String path, String query, List<String> via) {
        Inbound {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(path, "path");
            via = List.copyOf(via);
        }

        String pathAndQuery() {
            return query == null ? path : path + "?" + query;
        }

        boolean passedThrough(String hostPort) {
            return via.stream().flatMap(value -> Arrays.stream(value.split(",")))
                    .map(String::strip).anyMatch(hostPort::equals);
        }
    }

    /** What this instance knows of the election at the moment of the request. */
    record View(boolean leading, Optional<String> leader, String self) {
    }

    static Route route(Inbound request, View view) {
        if (view.leading()) {
            return new Serve(Optional.of(request.scheme() + "://" + view.self()));
        }
        if (LOCAL_PATHS.contains(request.path())) {
            return new Serve(Optional.empty());
        }
        Optional<String> leader = view.leader().filter(hostPort -> !hostPort.equals(view.self()));
        if (leader.isEmpty()) {
            return new Unknown();
        }
        if (request.passedThrough(view.self())) {
            return new Refuse(502, LOOP_MESSAGE);
        }
        URI target;
        try {
            target = URI.create(request.scheme() + "://" + leader.get() + request.pathAndQuery());
        } catch (IllegalArgumentException e) {
            return new Refuse(400, "Invalid request URI: " + e.getMessage());
        }
        if (request.method().equals("GET") && request.path().equals(EVENTS_PATH)) {
            return new Redirect(target);
        }
        return new Forward(target);
    }
}
