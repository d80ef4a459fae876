package io.mpaas.master.operator;

import io.mpaas.master.MasterProperties;
import io.mpaas.master.agent.AgentLinkProperties;
import io.mpaas.master.ha.MasterIdentity;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.security.SecurityProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The master's configuration under Mesos's flag names, as {@code /master/flags}, the {@code flags}
 * of {@code /state} and GET_FLAGS show it, with values in Mesos's notation ({@code 15secs},
 * {@code 10mins}). Built from an explicit list, never by dumping the environment: credentials,
 * ACLs and database passwords must never appear, and a ZooKeeper URL loses its user info.
 */
@Component
public class MasterFlags {

    private final MasterProperties master;
    private final AllocationProperties allocation;
    private final AgentLinkProperties agents;
    private final SecurityProperties security;
    private final OperatorProperties operator;
    private final MasterIdentity identity;
    private final Environment environment;

    public MasterFlags(MasterProperties master, AllocationProperties allocation, AgentLinkProperties agents,
            SecurityProperties security, OperatorProperties operator, MasterIdentity identity,
            Environment environment) {
        this.master = master;
        this.allocation = allocation;
        this.agents = agents;
        this.security = security;
        this.operator = operator;
        this.identity = identity;
        this.environment = environment;
    }

    /** Flag name to value, sorted by name as Mesos lists them. */
    public Map<String, String> flags() {
        Map<String, String> flags = new TreeMap<>();
        flags.put("agent_ping_timeout", duration(agents.pingInterval()));
        flags.put("agent_reregister_timeout", duration(agents.reregisterTimeout()));
        flags.put("allocation_interval", duration(allocation.interval()));
        flags.put("allocator", "HierarchicalDRF");
        flags.put("authenticate_agents", Boolean.toString(security.agentsMustAuthenticate()));
        flags.put("authenticate_frameworks", Boolean.toString(security.frameworksMustAuthenticate()));
        flags.put("authenticate_http_frameworks", Boolean.toString(security.frameworksMustAuthenticate()));
        flags.put("authenticate_http_readonly", "false");
        flags.put("authenticate_http_readwrite", "true");
        flags.put("authorizers", "local");
        flags.put("cluster", master.cluster());
        flags.put("framework_sorter", "drf");
        flags.put("hostname", identity.hostname());
        flags.put("http_authenticators", "basic");
        flags.put("ip", identity.ip());
        flags.put("max_agent_ping_timeouts", Integer.toString(agents.maxMissedPings()));
        flags.put("max_completed_frameworks", Integer.toString(master.maxCompletedFrameworks()));
        flags.put("max_completed_tasks_per_framework", Integer.toString(master.maxCompletedTasksPerFramework()));
        flags.put("max_operator_event_stream_subscribers", Integer.toString(operator.maxSubscribers()));
        if (allocation.offerTimeout() != null) {
            flags.put("offer_timeout", duration(allocation.offerTimeout()));
        }
        flags.put("port", Integer.toString(identity.port()));
        flags.put("registry", "replicated_log");
        flags.put("user_sorter", "drf");
        flags.put("work_dir", master.workDir().toString());
        String zk = environment.getProperty("mesos.master.zk");
        if (zk != null && !zk.isBlank()) {
            flags.put("zk", withoutUserInfo(zk));
        }
        return flags;
    }

    /** {@code zk://user:secret@host:2181/mesos} becomes {@code zk://host:2181/mesos}. */
    static String withoutUserInfo(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        if (scheme >= 0 && at > scheme) {
            return url.substring(0, scheme + 3) + url.substring(at + 1);
        }
        try {
            URI uri = URI.create(url);
            return uri.getUserInfo() == null ? url : url.replace(uri.getUserInfo() + "@", "");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /**
     * Mesos's (stout's) rendering of a duration: the largest unit that holds it, e.g.
     * {@code 15secs}, {@code 10mins}, {@code 500ms}; a value that is not whole in that unit is
     * written in the next smaller one ({@code 90secs}).
     */
    static String duration(Duration d) {
        long ns = d.toNanos();
        String sign = ns < 0 ? "-" : "";
        ns = Math.abs(ns);
        long[] units = {604_800_000_000_000L, 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
            1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"weeks", "days", "hrs", "mins", "secs", "ms", "us", "ns"};
        for (int i = 0; i < units.length - 1; i++) {
            if (ns >= units[i]) {
                if (ns % units[i] == 0) {
                    return sign + ns / units[i] + names[i];
                }
                double smaller = (double) ns / units[i + 1];
                String value = smaller == Math.rint(smaller) ? Long.toString((long) smaller) : Double.toString(smaller);
                return sign + value + names[i + 1];
            }
        }
        return sign + ns + "ns";
    }
}
