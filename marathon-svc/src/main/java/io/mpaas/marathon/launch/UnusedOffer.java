package io.mpaas.marathon.launch;

import io.mpaas.protocol.mesos.Offer;
import java.time.Instant;
import java.util.List;

/**
 * An offer that did not fit an app, with why: one entry of {@code /v2/queue?embed=lastUnusedOffers}.
 *
 * @param reasons Marathon's reject reasons ({@code InsufficientCpus}, {@code UnfulfilledConstraint}, ...)
 */
public record UnusedOffer(Offer offer, Instant at, List<String> reasons) {

    public UnusedOffer {
        reasons = List.copyOf(reasons);
    }
}
