package io.mpaas.master;

/**
 * A request the master refuses. Domain code throws it with a code; the web layer maps codes to
 * HTTP statuses in one place and writes the message as Mesos does (plain text).
 */
public final class MasterError extends RuntimeException {

    public enum Code {
        /** Malformed or invalid input: 400. */
        BAD_REQUEST,
        /** Not authenticated: 401. */
        UNAUTHENTICATED,
        /** Authenticated but not allowed, or not subscribed: 403. */
        FORBIDDEN,
        /** No such thing: 404. */
        NOT_FOUND,
        /** Conflicts with the current state: 409. */
        CONFLICT,
        /** Not ready (no leader, recovery not finished): 503. */
        UNAVAILABLE
    }

    private final Code code;

    public MasterError(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public static MasterError badRequest(String message) {
        return new MasterError(Code.BAD_REQUEST, message);
    }

    public static MasterError forbidden(String message) {
        return new MasterError(Code.FORBIDDEN, message);
    }
}
