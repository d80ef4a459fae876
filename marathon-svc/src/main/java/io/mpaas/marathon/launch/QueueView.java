package io.mpaas.marathon.launch;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code /v2/queue} shows: apps with instances waiting for an offer, and why they wait. */
public interface QueueView {

    List<QueueEntry> entries();

    /**
     * Resets the app's launch backoff so launching resumes at once.
     *
     * @return false if the app is not in the queue
     */
    boolean resetDelay(PathId appId);

    /**
     * One app in the queue.
     *
     * @param count        instances still to launch
     * @param delayUntil   when the backoff ends; null (or not after now) means "overdue": waiting for offers
     * @param since        when the oldest waiting instance was queued
     * @param rejections   per reason (InsufficientCpus, InsufficientMemory, InsufficientPorts,
     *                     UnfulfilledConstraint, UnfulfilledRole, ...): how many recent offers it declined
     * @param processedOffers offers looked at for this app since it was queued
     * @param unusedOffers offers that did not fit
     */
    record QueueEntry(App app, int count, Instant delayUntil, Instant since, Map<String, Integer> rejections,
            long processedOffers, long unusedOffers, Instant lastUnusedOfferAt, Instant lastUsedOfferAt,
            String role, List<UnusedOffer> lastUnusedOffers) {
        public QueueEntry {
            rejections = Map.copyOf(rejections);
            lastUnusedOffers = lastUnusedOffers == null ? List.of() : List.copyOf(lastUnusedOffers);
        }
    }
}
