package io.mpaas.gateway.haproxy;

import java.nio.file.Path;

/**
 * A CLI socket of HAProxy could not be used: the file is missing, the connection was refused (the master
 * refuses connections for a moment while it re-executes itself on reload), or the answer did not come in time.
 * Callers that can wait (the reloader, startup) retry; others report HAProxy as down.
 */
public class HaproxyUnreachableException extends RuntimeException {

    private final Path socket;

    public HaproxyUnreachableException(Path socket, String message, Throwable cause) {
        super(message + " (" + socket + ")", cause);
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }
}
