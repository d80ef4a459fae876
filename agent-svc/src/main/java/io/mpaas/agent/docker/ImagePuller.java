package io.mpaas.agent.docker;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a task's image present before its container is created, as Mesos does in step 2 of
 * a Docker launch: pulls when the image is absent or {@code force_pull_image} is set, within
 * the registration timeout, and maps each way a pull can fail onto the task's terminal
 * state: a pull that outlives the timeout is TASK_FAILED with
 * REASON_EXECUTOR_REGISTRATION_TIMEOUT (Mesos's clock for the docker executor covers the
 * pull), an image the registry will not give is TASK_ERROR (the task names a bad image), an
 * unreachable engine is TASK_FAILED. A forced pull that fails while a local copy exists
 * falls back to that copy, as Mesos does.
 *
 * <p>An image found present is taken as present for {@link #PRESENCE_TTL} without asking the
 * engine again, and launches that ask at the same moment share one question: a burst of fifty
 * launches of one image costs one inspect, not fifty queued behind each other in the engine.
 * The answer can only go stale when the image is removed within those seconds; the caller then
 * sees the create fail with "no such image", {@link #forget}s the answer and ensures again.
 * {@code force_pull_image} always asks the engine and pulls.
 */
final class ImagePuller {

    private static final Logger log = LoggerFactory.getLogger(ImagePuller.class);

    /** How often a layer's byte count is logged while it downloads; status changes are logged at once. */
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);

    /**
     * How long a "present" answer is reused: long enough to cover a burst of launches, short enough
     * that an image removed by an operator is noticed on the next launch after a pause.
     */
    static final Duration PRESENCE_TTL = Duration.ofSeconds(10);

    private final DockerEngine engine;
    private final Duration timeout;
    private final Clock clock;
    /** Per image, the last "is it present" question: in flight, or answered "present" at {@code askedAt}. */
    private final Map<String, Presence> presence = new ConcurrentHashMap<>();

    private record Presence(Instant askedAt, CompletableFuture<Boolean> answer) {
        boolean usableAt(Instant now) {
            return !answer.isDone() || (!answer.isCompletedExceptionally() && answer.join()
                    && now.isBefore(askedAt.plus(PRESENCE_TTL)));
        }
    }

    ImagePuller(DockerEngine engine, Duration timeout, Clock clock) {
        this.engine = engine;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Returns once {@code image} is present locally.
     *
     * @return whether that rests on an earlier answer of the engine (then a create that finds no
     *     such image should {@link #forget} it and ensure again)
     * @throws DockerEngineException when the engine does not answer (the caller says so)
     */
    boolean ensure(String image, boolean forcePull, String forContainer) throws LaunchFailure, InterruptedException {
        boolean present;
        boolean earlier = false;
        try {
            if (forcePull) {
                present = engine.imageExists(image);
            } else {
                Answer answer = present(image);
                present = answer.present();
                earlier = answer.earlier();
            }
        } catch (DockerEngineException e) {
            if (e.unreachable()) {
                throw e;
            }
            throw LaunchFailure.invalid("Invalid image '" + image + "': " + e.getMessage());
        }
        if (present && !forcePull) {
            return earlier;
        }
        Instant start = clock.instant();
        log.info("Pulling image {} for {}{}", image, forContainer, present ? " (force_pull_image)" : "");
        try {
            pullWithin(image, new ProgressReporter(image, clock));
            log.info("Pulled image {} in {} ms", image, Duration.between(start, clock.instant()).toMillis());
            presence.put(image, new Presence(clock.instant(), CompletableFuture.completedFuture(true)));
        } catch (TimeoutException e) {
            if (present) {
                log.warn("Pulling image {} took longer than {}; using the local copy", image, human(timeout));
                return false;
            }
            throw new LaunchFailure(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT,
                    "Pulling image '" + image + "' did not finish within the registration timeout of "
                            + human(timeout));
        } catch (DockerEngineException e) {
            if (e.unreachable()) {
                throw e;
            }
            if (present) {
                log.warn("Pulling image {} failed ({}); using the local copy", image, e.getMessage());
                return false;
            }
            throw LaunchFailure.invalid("Failed to pull image '" + image + "': " + e.getMessage());
        }
        return false;
    }

    /** Whether the image is present, and whether that answer was there before this call asked. */
    private record Answer(boolean present, boolean earlier) {
    }

    /**
     * Asks the engine whether the image is present, unless a question about it is in flight (then
     * its answer is awaited) or it was found present within {@link #PRESENCE_TTL}. Only "present"
     * is remembered: an absent image is pulled, and a failure is every caller's to see.
     */
    private Answer present(String image) throws InterruptedException {
        Instant now = clock.instant();
        Presence mine = new Presence(now, new CompletableFuture<>());
        Presence current = presence.compute(image, (key, old) -> old != null && old.usableAt(now) ? old : mine);
        if (current != mine) {
            try {
                return new Answer(current.answer().get(), true);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        try {
            boolean found = engine.imageExists(image);
            if (!found) {
                presence.remove(image, mine);
            }
            mine.answer().complete(found);
            return new Answer(found, false);
        } catch (RuntimeException e) {
            presence.remove(image, mine);
            mine.answer().completeExceptionally(e);
            throw e;
        }
    }

    /** Drops what is known about {@code image} (a create did not find it after all). */
    void forget(String image) {
        presence.remove(image);
    }

    /**
     * Runs the pull on its own virtual thread so that the launch can stop waiting at the
     * deadline; the abandoned pull is interrupted, which closes its stream to the engine.
     */
    private void pullWithin(String image, Consumer<DockerEngine.PullProgress> progress)
            throws TimeoutException, InterruptedException {
        FutureTask<Void> pull = new FutureTask<>(() -> {
            engine.pull(image, progress);
            return null;
        });
        Thread.ofVirtual().name("docker-pull-" + image).start(pull);
        try {
            pull.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            pull.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DockerEngineException(DockerEngineException.Reason.REJECTED, String.valueOf(e.getCause()),
                    e.getCause());
        }
    }

    /** "5m", "30s", "0.05s": the duration as an operator writes it in the property. */
    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Logs a pull as it goes without flooding the log: each layer's status changes
     * ("Downloading", "Extracting", "Pull complete") once, and its byte count at most every
     * {@link #PROGRESS_LOG_INTERVAL}, so a slow pull shows which layer is stuck.
     */
    private static final class ProgressReporter implements Consumer<DockerEngine.PullProgress> {
        private final String image;
        private final Clock clock;
        private final Map<String, String> lastStatus = new HashMap<>();
        private final Map<String, Instant> lastLogged = new HashMap<>();

        ProgressReporter(String image, Clock clock) {
            this.image = image;
            this.clock = clock;
        }

        @Override
        public synchronized void accept(DockerEngine.PullProgress progress) {
            String layer = progress.layer() == null ? "" : progress.layer();
            String status = progress.status() == null ? "" : progress.status();
            Instant now = clock.instant();
            boolean changed = !status.equals(lastStatus.put(layer, status));
            Instant previous = lastLogged.get(layer);
            boolean due = previous == null || !now.isBefore(previous.plus(PROGRESS_LOG_INTERVAL));
            if (!changed && !due) {
                return;
            }
            lastLogged.put(layer, now);
            if (progress.current() != null && progress.total() != null && progress.total() > 0) {
                log.info("Pull {} {}: {} {}/{} bytes", image, layer, status, progress.current(), progress.total());
            } else if (layer.isEmpty()) {
                log.info("Pull {}: {}", image, status);
            } else {
                log.info("Pull {} {}: {}", image, layer, status);
            }
        }
    }
}
