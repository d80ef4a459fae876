package io.mpaas.protocol.marathon.event;

import java.util.List;

/**
 * The body of {@code GET /v2/eventSubscriptions}: the registered HTTP callback URLs. Marathon removed the endpoint in
 * 1.5; old clients (marathon-lb before its SSE mode, Jenkins plugins) still call it.
 */
public record EventSubscriptions(List<String> callbackUrls) {

    public EventSubscriptions {
        callbackUrls = callbackUrls == null ? List.of() : List.copyOf(callbackUrls);
    }
}
