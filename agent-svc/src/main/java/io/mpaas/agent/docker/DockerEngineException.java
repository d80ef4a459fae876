package io.mpaas.agent.docker;

/**
 * The Docker engine could not do what was asked. The {@link Reason} is what the
 * containerizer decides on: a missing container is often fine, an unreachable engine is
 * never the task's fault, a refusal carries the engine's own explanation.
 */
public final class DockerEngineException extends RuntimeException {

    /** Why the engine did not do it. */
    public enum Reason {
        /** No such container, image or exec (HTTP 404). */
        NOT_FOUND,
        /** The engine's state forbids it now (HTTP 409: name in use, removal in progress). */
        CONFLICT,
        /** No answer at all: the socket is absent, the connection is refused or times out. */
        UNREACHABLE,
        /** The engine answered with an error; the message is its explanation. */
        REJECTED
    }

    private final Reason reason;

    public DockerEngineException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DockerEngineException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** The message every unreachable-engine failure carries, naming the engine. */
    public static DockerEngineException unreachable(String host, String why, Throwable cause) {
        return new DockerEngineException(Reason.UNREACHABLE, "Docker engine at " + host + " does not answer: " + why,
                cause);
    }

    public Reason reason() {
        return reason;
    }

    public boolean notFound() {
        return reason == Reason.NOT_FOUND;
    }

    public boolean unreachable() {
        return reason == Reason.UNREACHABLE;
    }
}
