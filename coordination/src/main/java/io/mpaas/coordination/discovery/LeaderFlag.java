package io.mpaas.coordination.discovery;

/**
 * Tells discovery whether this instance leads, so that clients can go to the leader straight from the registry
 * ({@code metadata.leader} of the instance is {@code "true"} or {@code "false"}).
 */
public interface LeaderFlag {

    /** The metadata key clients read. */
    String METADATA_KEY = "leader";

    /** For services that run without discovery. */
    LeaderFlag NONE = leading -> { };

    /** Records that this instance now leads ({@code true}) or no longer does. Never throws. */
    void leading(boolean leading);
}
