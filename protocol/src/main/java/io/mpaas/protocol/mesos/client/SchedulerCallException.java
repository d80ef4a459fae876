package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.scheduler.Call;

/**
 * A scheduler call that the master did not accept, or that could not be sent. Carries the call
 * type, the HTTP status (0 when there was no response) and the response body as the master wrote
 * it (Mesos answers 4xx with plain text, e.g. "Framework is not subscribed").
 */
public final class SchedulerCallException extends RuntimeException {

    /** Why the call failed. */
    public enum Code {
        /** The client had no open subscription; nothing was sent. */
        NOT_SUBSCRIBED,
        /** The master answered something other than 202 Accepted. */
        REJECTED,
        /** No response: connection refused or reset, or the request timed out. */
        UNREACHABLE,
        /** The client was closed before or while sending. */
        CLOSED
    }

    private final Code code;
    private final Call.Type call;
    private final int status;
    private final String body;

    public SchedulerCallException(Code code, Call.Type call, int status, String body, Throwable cause) {
        super(message(code, call, status, body), cause);
        this.code = code;
        this.call = call;
        this.status = status;
        this.body = body == null ? "" : body;
    }

    private static String message(Code code, Call.Type call, int status, String body) {
        return switch (code) {
            case NOT_SUBSCRIBED -> call + " not sent: the scheduler is not subscribed to a master";
            case REJECTED -> call + " rejected with " + status + (body == null || body.isEmpty() ? "" : ": " + body);
            case UNREACHABLE -> call + " not delivered: " + body;
            case CLOSED -> call + " not sent: the scheduler client is closed";
        };
    }

    public Code code() {
        return code;
    }

    public Call.Type call() {
        return call;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The response body, or the transport error's text; empty when neither. */
    public String body() {
        return body;
    }
}
