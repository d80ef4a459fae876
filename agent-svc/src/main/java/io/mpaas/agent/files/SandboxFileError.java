package io.mpaas.agent.files;

import java.util.Objects;

/**
 * A {@code /files} request refused. The message is the body Mesos answers with, so the web layer
 * writes it as it is.
 */
public final class SandboxFileError extends RuntimeException {

    public enum Code {
        /** Not there, or not inside the sandbox tree (which is not told apart): 404. */
        NOT_FOUND,
        /** Reading or downloading a directory, a pipe or a device: 400. */
        NOT_A_FILE,
        /** A parameter missing or malformed: 400. */
        BAD_REQUEST
    }

    private final Code code;

    public SandboxFileError(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }

    /** Mesos's answer to a request without {@code path} or with an empty one. */
    public static SandboxFileError missingPath() {
        return new SandboxFileError(Code.BAD_REQUEST, "Expecting 'path=value' in query.\n");
    }
}
