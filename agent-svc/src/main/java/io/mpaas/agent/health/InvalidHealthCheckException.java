package io.mpaas.agent.health;

/**
 * A task's {@code health_check} that cannot be run as given. It is the task's fault, so the
 * agent ends the task with TASK_ERROR instead of launching it (Mesos's master rejects such a
 * task the same way, with the message prefixed by "Task uses invalid health check: ").
 * The message is Mesos's wording where Mesos has one, for example "Expecting 'http' to be
 * set for HTTP health check".
 */
public final class InvalidHealthCheckException extends Exception {

    public InvalidHealthCheckException(String message) {
        super(message);
    }
}
