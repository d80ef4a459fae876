package io.mpaas.marathon.offer;

/**
 * Why an offer did not fit an instance, with the names Marathon shows in
 * {@code /v2/queue}'s {@code rejectSummaryLastOffers}.
 */
public enum RejectionReason {
    /** Fewer usable cpus than the app needs (after what earlier launches in the offer took). */
    INSUFFICIENT_CPUS("InsufficientCpus"),
    INSUFFICIENT_MEMORY("InsufficientMemory"),
    INSUFFICIENT_DISK("InsufficientDisk"),
    INSUFFICIENT_GPUS("InsufficientGpus"),
    /** Not enough free host ports, or a required fixed host port is not offered. */
    INSUFFICIENT_PORTS("InsufficientPorts"),
    /** A placement constraint rules the agent out. */
    UNFULFILLED_CONSTRAINT("UnfulfilledConstraint"),
    /**
     * The offer is allocated to another role than the app's, or it would have fitted had the
     * app accepted the roles its resources are reserved for.
     */
    UNFULFILLED_ROLE("UnfulfilledRole");

    private final String marathonName;

    RejectionReason(String marathonName) {
        this.marathonName = marathonName;
    }

    public String marathonName() {
        return marathonName;
    }
}
