package io.mpaas.agent.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A docker-java stream (pull progress, wait, logs, exec output) whose failure is thrown to
 * the caller that waits for it. docker-java's own callback would also log every failure at
 * ERROR, though only the caller knows whether it is one: a missing image is the task's
 * fault, a container removed while its logs were followed is normal.
 */
abstract class EngineStream<T> extends ResultCallback.Adapter<T> {

    private volatile Throwable failure;

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        onComplete();
    }

    /** After completion: rethrows what ended the stream, if anything did. */
    void throwFailure() {
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new DockerClientException(String.valueOf(thrown.getMessage()), thrown);
        }
    }

    /** Copies the engine's demultiplexed output frames into two streams. */
    static final class FrameCopier extends EngineStream<Frame> {
        private final OutputStream stdout;
        private final OutputStream stderr;

        FrameCopier(OutputStream stdout, OutputStream stderr) {
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public void onNext(Frame frame) {
            try {
                switch (frame.getStreamType()) {
                    case STDERR -> stderr.write(frame.getPayload());
                    case STDOUT, RAW -> stdout.write(frame.getPayload());
                    default -> {
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
