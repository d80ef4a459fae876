package io.mpaas.marathon.event;

import io.mpaas.protocol.marathon.MarathonError;
import io.mpaas.protocol.marathon.MarathonJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/events}: Marathon's event stream (Server-Sent Events). The response is written by hand rather than
 * through {@code SseEmitter}, so that every byte is Marathon's: {@code event: <eventType>\ndata: <json>\n\n} per
 * event and nothing else ({@code id:} or {@code retry:} fields would be new to clients that parse by hand). The
 * request's own (virtual) thread serves the stream for as long as the client stays. Repeated {@code event_type}
 * parameters keep only those types, the client's {@code event_stream_attached} included, as in Marathon. Which
 * marathon answers (the leader; a standby redirects) is decided in front of this controller, not here.
 */
@RestController
class EventStreamController {

    static final String EVENT_STREAM = "text/event-stream";

    /** What Marathon's servlet answered (as an HTML page) to a GET that does not accept an event stream. */
    static final String NOT_AN_EVENT_STREAM_REQUEST = "HTTP method GET is not supported by this URL";

    private final EventBus bus;
    private final EventsProperties properties;

    EventStreamController(EventBus bus, EventsProperties properties) {
        this.bus = bus;
        this.properties = properties;
    }

    @GetMapping("/v2/events")
    ResponseEntity<String> events(@RequestParam(name = "event_type", required = false) List<String> eventTypes,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!acceptsEventStream(request)) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON)
                    .body(MarathonJson.write(MarathonError.of(NOT_AN_EVENT_STREAM_REQUEST)));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(EVENT_STREAM);
        response.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        response.flushBuffer();
        if (!"GET".equals(request.getMethod())) {
            // HEAD (mapped here with GET): the headers only. A stream would never end, as its writes are discarded.
            return null;
        }
        SseConnection connection = new SseConnection(request.getRemoteAddr(),
                Set.copyOf(eventTypes == null ? List.of() : eventTypes), properties.heartbeatInterval(),
                properties.maxOutstandingMessages());
        bus.attach(connection);
        connection.serve(response.getOutputStream());
        return null;
    }

    /** As Jetty's event source servlet: any {@code Accept} header that mentions the event stream type. */
    private static boolean acceptsEventStream(HttpServletRequest request) {
        return Collections.list(request.getHeaders("Accept")).stream()
                .anyMatch(accept -> accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM));
    }
}
