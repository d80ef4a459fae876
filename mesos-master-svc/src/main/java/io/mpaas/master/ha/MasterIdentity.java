package io.mpaas.master.ha;

import io.mpaas.master.MasterProperties;
import io.mpaas.protocol.mesos.MasterInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.UUID;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * How this master is reached: host name, IP and the HTTP port it actually listens on (known
 * only once the web server is up). Every leadership term gets a fresh master id, from which
 * framework, agent and offer ids are minted.
 */
@Component
public class MasterIdentity implements ApplicationListener<WebServerInitializedEvent> {

    private final String hostname;
    private final String ip;
    private volatile int port;

    public MasterIdentity(MasterProperties properties) {
        this.ip = blank(properties.advertiseIp()) ? detectIp() : properties.advertiseIp();
        this.hostname = blank(properties.hostname()) ? detectHostname(ip) : properties.hostname();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        this.port = event.getWebServer().getPort();
    }

    public String hostname() {
        return hostname;
    }

    public String ip() {
        return ip;
    }

    public int port() {
        return port;
    }

    /** A MasterInfo with a new id, for a new term. */
    public MasterInfo newTermInfo() {
        return MasterInfo.of(UUID.randomUUID().toString(), hostname, ip, port);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The first site-local IPv4 address of an interface that is up, else loopback. */
    static String detectIp() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || nic.getName().startsWith("docker")
                        || nic.getName().startsWith("br-") || nic.getName().startsWith("veth")) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }

    private static String detectHostname(String ip) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
