package io.mpaas.master.operator;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster at one instant, detached from the live model. It is taken under the cluster lock by
 * copying references (tasks, offers, resources and infos are immutable values) and the few mutable
 * fields of agents and frameworks; everything that is slow (rendering JSON) then happens outside
 * the lock, so that operators polling {@code /state} never stall scheduling as they did in Mesos.
 */
record ClusterSnapshot(
        MasterInfo masterInfo,
        Instant startTime,
        Instant electedTime,
        boolean leading,
        List<AgentView> agents,
        List<FrameworkView> frameworks,
        List<FrameworkView> completedFrameworks,
        Map<String, Double> weights,
        Map<String, QuotaConfig> quotas,
        MaintenanceSchedule maintenance,
        int outstandingOffers) {

    /** Copies the cluster; the caller holds the cluster lock. */
    static ClusterSnapshot capture(Cluster cluster, Instant startTime) {
        List<AgentView> agents = new ArrayList<>(cluster.agents().size());
        for (Agent agent : cluster.agents().values()) {
            agents.add(AgentView.of(agent));
        }
        List<FrameworkView> frameworks = new ArrayList<>(cluster.frameworks().size());
        for (Framework framework : cluster.frameworks().values()) {
            frameworks.add(FrameworkView.of(framework, false));
        }
        List<FrameworkView> completed = new ArrayList<>(cluster.completedFrameworks().size());
        for (Framework framework : cluster.completedFrameworks()) {
            completed.add(FrameworkView.of(framework, true));
        }
        return new ClusterSnapshot(cluster.masterInfo(), startTime, cluster.electedTime(), cluster.isLeading(),
                agents, frameworks, completed, cluster.weights(), cluster.quotas(), cluster.maintenance(),
                cluster.offers().size());
    }

    /** Agents Mesos calls registered: linked now or with a broken link that may still come back. */
    List<AgentView> registeredAgents() {
        return agents.stream().filter(AgentView::isRegistered).toList();
    }

    /** Agents known from the registry after a failover that have not re-registered yet. */
    List<AgentView> recoveredAgents() {
        return agents.stream().filter(a -> a.status() == Agent.Status.RECOVERING).toList();
    }

    long unreachableAgents() {
        return agents.stream().filter(a -> a.status() == Agent.Status.UNREACHABLE).count();
    }

    /** The executors of each framework, with the agent each runs on (Mesos lists them per framework). */
    Map<FrameworkId, List<PlacedExecutor>> executorsByFramework() {
        Map<FrameworkId, List<PlacedExecutor>> result = new LinkedHashMap<>();
        for (AgentView agent : agents) {
            if (!agent.isRegistered()) {
                continue;
            }
            agent.executors().forEach((framework, executors) -> {
                for (ExecutorInfo executor : executors) {
                    result.computeIfAbsent(framework, f -> new ArrayList<>())
                            .add(new PlacedExecutor(agent.id(), framework, executor));
                }
            });
        }
        return result;
    }

    /** An executor and the agent it runs on. */
    record PlacedExecutor(AgentId agentId, FrameworkId frameworkId, ExecutorInfo info) {
    }

    /** An agent's fields at the time of the snapshot. */
    record AgentView(
            AgentId id,
            AgentInfo info,
            Agent.Status status,
            boolean connected,
            boolean deactivated,
            Instant registeredTime,
            Instant reregisteredTime,
            Instant unreachableTime,
            String version,
            List<String> capabilities,
            String ip,
            Resources total,
            Resources used,
            Resources offered,
            Map<FrameworkId, List<ExecutorInfo>> executors) {

        /** Copies the agent; the caller holds the cluster lock. */
        static AgentView of(Agent agent) {
            Map<FrameworkId, List<ExecutorInfo>> executors = Map.of();
            if (!agent.executors().isEmpty()) {
                executors = new LinkedHashMap<>();
                for (var e : agent.executors().entrySet()) {
                    executors.put(e.getKey(), List.copyOf(e.getValue().values()));
                }
            }
            return new AgentView(agent.id(), agent.info(), agent.status(), agent.isConnected(), agent.deactivated(),
                    agent.registeredTime(), agent.reregisteredTime(), agent.unreachableTime(), agent.version(),
                    agent.capabilities(), agent.ip(), agent.total(), agent.used(), agent.offered(), executors);
        }

        boolean isRegistered() {
            return status == Agent.Status.ACTIVE || status == Agent.Status.DISCONNECTED;
        }

        /** Mesos's {@code active}: linked and taking part in allocation. */
        boolean isActive() {
            return status == Agent.Status.ACTIVE;
        }

        /** Mesos's agent pid, {@code slave(1)@ip:port}; tools split it to find the agent's address. */
        String pid() {
            return "slave(1)@" + (ip != null ? ip : info.hostname()) + ":" + port();
        }

        int port() {
            return info.port() == null ? 5051 : info.port();
        }
    }

    /** A framework's fields at the time of the snapshot; its task maps are copied as lists of immutable tasks. */
    record FrameworkView(
            FrameworkId id,
            FrameworkInfo info,
            Framework.Status status,
            boolean connected,
            boolean completed,
            Instant registeredTime,
            Instant reregisteredTime,
            Instant unregisteredTime,
            Resources used,
            Resources offered,
            List<MasterTask> tasks,
            List<MasterTask> unreachableTasks,
            List<MasterTask> completedTasks,
            List<OutstandingOffer> offers) {

        /** Copies the framework; the caller holds the cluster lock. */
        static FrameworkView of(Framework framework, boolean completed) {
            return new FrameworkView(framework.id(), framework.info(), framework.status(),
                    !completed && framework.isConnected(), completed, framework.registeredTime(),
                    framework.reregisteredTime(), framework.unregisteredTime(), framework.used(),
                    framework.offered(), List.copyOf(framework.tasks().values()),
                    List.copyOf(framework.unreachableTasks().values()), List.copyOf(framework.completedTasks()),
                    List.copyOf(framework.offers().values()));
        }

        /** Mesos's {@code active}: subscribed with an open stream. */
        boolean isActive() {
            return !completed && status == Framework.Status.ACTIVE;
        }

        boolean isRecovered() {
            return !completed && status == Framework.Status.RECOVERED;
        }

        /** Active, unreachable and completed tasks, in that order. */
        List<MasterTask> allTasks() {
            List<MasterTask> all = new ArrayList<>(tasks.size() + unreachableTasks.size() + completedTasks.size());
            all.addAll(tasks);
            all.addAll(unreachableTasks);
            all.addAll(completedTasks);
            return all;
        }
    }
}
