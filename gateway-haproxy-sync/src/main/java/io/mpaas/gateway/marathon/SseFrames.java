package io.mpaas.gateway.marathon;

import java.util.Optional;

/**
 * Assembles Server-Sent Events from the lines of a stream, as the SSE specification reads them: {@code event:}
 * names the event, {@code data:} lines (joined with newlines) carry it, a blank line ends it, a line starting with
 * {@code :} is a comment (marathon's keepalive). One leading space after the colon is dropped. Fields other than
 * these ({@code id}, {@code retry}) are ignored: marathon sends none, and this client neither resumes nor lets the
 * server pick its reconnect delay. Not thread-safe: one per stream, fed by the stream's one reader.
 */
final class SseFrames {

    /** One dispatched event; {@code event} is "message" when the frame named none, as in the specification. */
    record Frame(String event, String data) {
    }

    private String event;
    private StringBuilder data;

    /** Takes one line (without its terminator); returns the frame that a blank line completes. */
    Optional<Frame> accept(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // id, retry and unknown fields: ignored (see the class comment)
            }
        }
        return Optional.empty();
    }

    /** A frame without data is dropped, as the specification says; the event name is reset either way. */
    private Optional<Frame> dispatch() {
        Optional<Frame> frame = data == null ? Optional.empty()
                : Optional.of(new Frame(event == null || event.isEmpty() ? "message" : event, data.toString()));
        event = null;
        data = null;
        return frame;
    }
}
