package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import java.net.URI;
import java.util.Objects;

/**
 * An open subscription: the master that answered SUBSCRIBE (after redirects), the stream id it
 * gave, and the framework id and master info from its SUBSCRIBED event. Every call goes to
 * {@code master} with {@code streamId}.
 *
 * @param masterInfo as sent in SUBSCRIBED; may be {@code null} if the master left it out
 */
public record Subscription(URI master, String streamId, FrameworkId frameworkId, MasterInfo masterInfo) {

    public Subscription {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(frameworkId, "frameworkId");
    }
}
