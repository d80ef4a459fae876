package io.mpaas.master.cluster;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resources;
import java.time.Instant;

/** An offer sent to a framework and not yet accepted, declined or rescinded. Used at most once. */
public record OutstandingOffer(OfferId id, FrameworkId frameworkId, AgentId agentId, String role,
        Resources resources, Instant createdAt) {
}
