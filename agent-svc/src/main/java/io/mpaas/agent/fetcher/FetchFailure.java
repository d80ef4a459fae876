package io.mpaas.agent.fetcher;

/**
 * A URI that could not be fetched. The message names the URI and the cause, and becomes the
 * message of the task's terminal update. {@link #taskAtFault()} tells a URI the agent can never
 * serve (TASK_ERROR, as the agent treats every task it cannot run as sent) from a fetch that
 * failed on the way (TASK_FAILED, as in Mesos).
 */
final class FetchFailure extends Exception {

    private final String uri;
    private final boolean taskAtFault;

    private FetchFailure(String uri, String message, boolean taskAtFault, Throwable cause) {
        super(message, cause);
        this.uri = uri;
        this.taskAtFault = taskAtFault;
    }

    /** The task asks for something this agent cannot do with the URI. */
    static FetchFailure invalid(String uri, String problem) {
        return new FetchFailure(uri, "Invalid URI '" + uri + "': " + problem, true, null);
    }

    /** The URI could not be downloaded, copied or unpacked. */
    static FetchFailure failed(String uri, String cause, Throwable throwable) {
        return new FetchFailure(uri, "Failed to fetch '" + uri + "': " + cause, false, throwable);
    }

    String uri() {
        return uri;
    }

    boolean taskAtFault() {
        return taskAtFault;
    }
}
