package io.mpaas.protocol.mesos;

/** An agent's or master's fault domain (region and zone), used by constraints. */
public record DomainInfo(FaultDomain faultDomain) {

    public record FaultDomain(Named region, Named zone) {
    }

    public record Named(String name) {
    }

    public static DomainInfo of(String region, String zone) {
        return new DomainInfo(new FaultDomain(new Named(region), new Named(zone)));
    }
}
