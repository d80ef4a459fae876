package io.mpaas.marathon.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stretch of leadership: {@link #begin()} starts every {@link LeaderWork} in order, {@link #end()} stops the
 * started ones in reverse. If one fails to start, those before it are stopped again and the failure goes to the
 * caller, which gives leadership up: half a leader (deployments without a framework subscription, say) is worse
 * than none. Ending is idempotent and stops every piece even if one of them throws.
 *
 * <p>The work is looked up at the first {@code begin}, not at construction, because leader work usually depends on
 * {@link Leadership} itself (to check it before writing).
 */
final class LeaderTerm {

    private static final Logger log = LoggerFactory.getLogger(LeaderTerm.class);

    private final Supplier<List<LeaderWork>> work;
    /** The work started in this term, in start order; empty between terms. */
    private final List<LeaderWork> started = new ArrayList<>();

    LeaderTerm(Supplier<List<LeaderWork>> work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Starts every piece of leader work in order; on a failure stops what started, then rethrows. */
    synchronized void begin() {
        if (!started.isEmpty()) {
            throw new IllegalStateException("a term is already running");
        }
        for (LeaderWork piece : work.get()) {
            try {
                piece.onElected();
            } catch (RuntimeException e) {
                log.error("Leader work {} failed to start; stopping the {} started before it",
                        piece.getClass().getName(), started.size(), e);
                end();
                throw e;
            }
            started.add(piece);
        }
        log.info("Leader work started: {}", started.size());
    }

    /** Stops the started work in reverse order. Does nothing between terms. */
    synchronized void end() {
        if (started.isEmpty()) {
            return;
        }
        for (LeaderWork piece : started.reversed()) {
            try {
                piece.onRevoked();
            } catch (RuntimeException e) {
                log.error("Leader work {} failed to stop", piece.getClass().getName(), e);
            }
        }
        log.info("Leader work stopped: {}", started.size());
        started.clear();
    }
}
