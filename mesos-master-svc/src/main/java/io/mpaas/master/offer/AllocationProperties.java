package io.mpaas.master.offer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When and how offers are made ({@code mesos.master.allocation.*}).
 *
 * @param interval a full allocation cycle runs this often, and also right after resources are freed (Mesos: 1 s)
 * @param defaultRefuse how long declined resources stay away from a framework that gave no refuse_seconds (Mesos: 5 s)
 * @param offerTimeout offers older than this are rescinded so hoarding frameworks cannot starve
 *     others; unset (the Mesos default) means offers never expire
 * @param maxOffersPerEvent offers to one framework are split into OFFERS events of at most this many,
 *     keeping every record well inside one HTTP chunk
 */
@ConfigurationProperties("mesos.master.allocation")
public record AllocationProperties(
        @DefaultValue("1s") Duration interval,
        @DefaultValue("5s") Duration defaultRefuse,
        Duration offerTimeout,
        @DefaultValue("500") int maxOffersPerEvent) {
}
