package io.mpaas.agent.health;

import io.mpaas.agent.container.ContainerHandle;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * Runs one health check of one task, once. Implementations never throw for a check that
 * fails (refused, timed out, bad status, non-zero exit): that is an unhealthy {@link
 * CheckOutcome} with a message saying why.
 */
interface HealthProbe {

    /**
     * Probes now and returns within the check's timeout (plus a little for clean-up).
     *
     * @throws InterruptedException when the checker is stopped meanwhile
     */
    CheckOutcome probe() throws InterruptedException;

    /** The probe for {@code spec}'s target, reaching the task through {@code container}. */
    static HealthProbe of(HealthCheckSpec spec, ContainerHandle container) {
        return switch (spec.target()) {
            case HealthCheckSpec.Http http -> new HttpProbe(http, container, spec.timeout());
            case HealthCheckSpec.Tcp tcp -> new TcpProbe(tcp, container, spec.timeout());
            case HealthCheckSpec.Command command -> new CommandProbe(command, container, spec.timeout());
        };
    }

    /**
     * {@code address} as it goes into a URL and a message: the IP literal, never a host name
     * the JDK happens to know for it (the loopback address prints as "localhost" otherwise),
     * IPv6 in brackets.
     */
    static String hostAndPort(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return address.getHostString() + ":" + address.getPort();
        }
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host.replace("%", "%25") + "]" : host)
                + ":" + address.getPort();
    }
}
