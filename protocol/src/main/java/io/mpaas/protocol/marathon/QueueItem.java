package io.mpaas.protocol.marathon;

import java.util.List;

/**
 * An app with instances waiting to be launched, as {@code GET /v2/queue} lists it.
 *
 * @param count            instances still to launch
 * @param since            when the oldest waiting instance was queued
 * @param lastUnusedOffers only with {@code embed=lastUnusedOffers}
 */
public record QueueItem(
        App app,
        int count,
        Delay delay,
        String since,
        ProcessedOffersSummary processedOffersSummary,
        List<Object> lastUnusedOffers,
        String role) {

    /**
     * The launch backoff: {@code overdue} true means the backoff is over and the app waits for a
     * fitting offer; false means it is held back for {@code timeLeftSeconds} more.
     */
    public record Delay(long timeLeftSeconds, boolean overdue) {
    }

    /**
     * Why offers were not used. Each reject summary lists every reason in the order offers are
     * checked: {@code processed} offers reached the check, {@code declined} of them failed it.
     */
    public record ProcessedOffersSummary(
            long processedOffersCount,
            long unusedOffersCount,
            String lastUnusedOfferAt,
            String lastUsedOfferAt,
            List<RejectSummary> rejectSummaryLastOffers,
            List<RejectSummary> rejectSummaryLaunchAttempt) {

        public ProcessedOffersSummary {
            rejectSummaryLastOffers = List.copyOf(rejectSummaryLastOffers);
            rejectSummaryLaunchAttempt = List.copyOf(rejectSummaryLaunchAttempt);
        }
    }

    /** @param reason e.g. InsufficientCpus, UnfulfilledConstraint */
    public record RejectSummary(String reason, long declined, long processed) {
    }
}
