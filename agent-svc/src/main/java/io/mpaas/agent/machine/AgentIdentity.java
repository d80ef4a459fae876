package io.mpaas.agent.machine;

import io.mpaas.agent.AgentProperties;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * Who this agent is: its host name and address (configured or the machine's), what it offers,
 * and the id the master gave it (known after the first registration, kept across restarts).
 */
@Component
public class AgentIdentity {

    private final String hostname;
    private final String ip;
    private final MachineResources machine;
    private final int port;
    private volatile AgentId agentId;

    public AgentIdentity(AgentProperties properties, MachineProperties machineProperties,
            org.springframework.core.env.Environment environment) {
        this.hostname = properties.hostname() != null && !properties.hostname().isBlank() ? properties.hostname()
                : localHostName();
        this.ip = properties.ip() != null && !properties.ip().isBlank() ? properties.ip() : addressOf(hostname);
        this.machine = MachineResources.detect(machineProperties, properties.workDir());
        this.port = environment.getProperty("server.port", Integer.class, 5051);
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

    public MachineResources machine() {
        return machine;
    }

    /** The master's id for this agent; null until the first registration. */
    public AgentId agentId() {
        return agentId;
    }

    public void assign(AgentId id) {
        this.agentId = id;
    }

    /** The AgentInfo the agent registers with. */
    public AgentInfo info() {
        return new AgentInfo(hostname, port, machine.resources().toList(), machine.attributes(), agentId, null);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String addressOf(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
