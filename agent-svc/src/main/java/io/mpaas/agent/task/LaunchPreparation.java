package io.mpaas.agent.task;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.protocol.mesos.TaskInfo;
import java.nio.file.Path;

/**
 * What must be in a task's sandbox before its container starts: Mesos's fetcher step
 * (implemented over {@code io.mpaas.agent.fetcher}). One narrow port, so that the launch path
 * neither grows nor learns how URIs are downloaded, cached and unpacked.
 */
public interface LaunchPreparation {

    /**
     * Starts preparing the sandbox (which exists) and returns at once; the work runs on a
     * thread of its own.
     *
     * @param user whom the files are for: the command's user, else the framework's (the fetcher
     *     cache keeps users apart)
     * @throws LaunchFailure the task asks for something impossible (TASK_ERROR)
     */
    Preparing prepare(TaskInfo task, String user, Path sandbox) throws LaunchFailure;

    /** A preparation under way. */
    interface Preparing {

        /**
         * Waits until the sandbox is ready.
         *
         * @throws LaunchFailure it could not be prepared; the message says which URI and why
         * @throws java.util.concurrent.CancellationException {@link #cancel()} was called
         */
        void await() throws LaunchFailure, InterruptedException;

        /** Abandons the preparation (the task was killed): {@link #await()} ends at once. */
        void cancel();
    }

    /** Nothing to prepare. */
    Preparing READY = new Preparing() {
        @Override
        public void await() {
        }

        @Override
        public void cancel() {
        }
    };
}
