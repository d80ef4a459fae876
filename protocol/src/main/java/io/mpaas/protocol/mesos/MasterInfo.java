package io.mpaas.protocol.mesos;

import java.util.List;

/**
 * Who the master is. Published in ZooKeeper ({@code json.info_} nodes) and in SUBSCRIBED.
 * {@code ip} is Mesos's uint32 in network byte order (a long-standing quirk); prefer {@code address}.
 */
public record MasterInfo(
        String id,
        Long ip,
        Integer port,
        String pid,
        String hostname,
        String version,
        Address address,
        DomainInfo domain,
        List<Capability> capabilities) {

    public MasterInfo {
        capabilities = capabilities == null ? List.of() : capabilities.stream()
                .filter(c -> c != null && c.type() != null).toList();
    }

    public record Capability(Type type) {
        public enum Type {
            AGENT_UPDATE,
            AGENT_DRAINING,
            QUOTA_V2
        }
    }

    /** The Mesos release whose APIs this master speaks. */
    public static final String MESOS_VERSION = "1.11.0";

    /**
     * Builds the info of a master answering at {@code hostname} / {@code ipAddress} (dotted IPv4) and {@code port}.
     */
    public static MasterInfo of(String id, String hostname, String ipAddress, int port) {
        return new MasterInfo(id, packIp(ipAddress), port, "master@" + ipAddress + ":" + port, hostname,
                MESOS_VERSION, new Address(hostname, ipAddress, port), null,
                List.of(new Capability(Capability.Type.AGENT_UPDATE), new Capability(Capability.Type.QUOTA_V2)));
    }

    /** Mesos's {@code ip}: the IPv4 address as a uint32 in network byte order, read as a little-endian number. */
    static Long packIp(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            return 0L;
        }
        long value = 0;
        for (int i = 3; i >= 0; i--) {
            value = (value << 8) | (Long.parseLong(parts[i]) & 0xff);
        }
        return value;
    }

    /** {@code host:port} where this master answers HTTP, from {@code address} when present. */
    public String hostPort() {
        if (address != null && address.port() != null) {
            String host = address.hostname() != null ? address.hostname() : address.ip();
            return host + ":" + address.port();
        }
        return hostname + ":" + port;
    }
}
