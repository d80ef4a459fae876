package io.mpaas.marathon.event;

import io.mpaas.protocol.marathon.MarathonError;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.event.EventSubscriptions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/eventSubscriptions}: HTTP callbacks, as Marathon up to 1.4 had them (always on here, no
 * {@code --event_subscriber} flag). POST and DELETE answer with the {@code subscribe_event} /
 * {@code unsubscribe_event} they publish. As in Marathon, DELETE of a URL that is not registered still answers 200
 * (and publishes), so that clients that unsubscribe on shutdown, possibly twice, see no error. Bodies are written
 * with MarathonJson here, whatever JSON converter the application configures.
 */
@RestController
@RequestMapping("/v2/eventSubscriptions")
class EventSubscriptionController {

    /** Marathon's validation message for a callback URL that is not an absolute http(s) URL. */
    static final String INVALID_URL = "URL is not valid";

    private final CallbackDispatcher callbacks;
    private final EventBus bus;

    EventSubscriptionController(CallbackDispatcher callbacks, EventBus bus) {
        this.callbacks = callbacks;
        this.bus = bus;
    }

    @GetMapping
    ResponseEntity<String> list() {
        return json(HttpStatus.OK, new EventSubscriptions(callbacks.callbackUrls()));
    }

    @PostMapping
    ResponseEntity<String> subscribe(@RequestParam(required = false) String callbackUrl,
            HttpServletRequest request) {
        if (!CallbackDispatcher.isValidUrl(callbackUrl)) {
            return json(HttpStatus.UNPROCESSABLE_CONTENT, new MarathonError("Object is not valid",
                    List.of(new MarathonError.Violation("/", List.of(INVALID_URL))), null));
        }
        callbacks.subscribe(callbackUrl);
        return json(HttpStatus.OK, bus.subscribed(request.getRemoteAddr(), callbackUrl));
    }

    @DeleteMapping
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String callbackUrl,
            HttpServletRequest request) {
        if (callbackUrl == null || callbackUrl.isBlank()) {
            return json(HttpStatus.BAD_REQUEST, MarathonError.of("Query parameter 'callbackUrl' is required"));
        }
        callbacks.unsubscribe(callbackUrl);
        return json(HttpStatus.OK, bus.unsubscribed(request.getRemoteAddr(), callbackUrl));
    }

    private static ResponseEntity<String> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(MarathonJson.write(body));
    }
}
