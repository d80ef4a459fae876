package io.mpaas.master.operator;

import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.master.operator.ClusterSnapshot.AgentView;
import io.mpaas.master.operator.ClusterSnapshot.FrameworkView;
import io.mpaas.master.operator.ClusterSnapshot.PlacedExecutor;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.AllocationInfo;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.ReservationInfo;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Scalar;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TimeInfo;
import io.mpaas.protocol.mesos.Url;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import io.mpaas.protocol.mesos.master.OperatorResponse;
import io.mpaas.protocol.mesos.master.OperatorResponse.GetAgents;
import io.mpaas.protocol.mesos.master.OperatorResponse.GetExecutors;
import io.mpaas.protocol.mesos.master.OperatorResponse.GetFrameworks;
import io.mpaas.protocol.mesos.master.OperatorResponse.GetTasks;
import io.mpaas.protocol.mesos.master.QuotaInfo;
import io.mpaas.protocol.mesos.master.QuotaStatus;
import io.mpaas.protocol.mesos.master.WeightInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the operator API's v1 answers from a snapshot: real v1 shapes with {@code agent_id},
 * full Resource arrays and {@code {"nanoseconds":..}} times, where v0 has flat maps and seconds.
 */
final class V1Assembler {

    private V1Assembler() {
    }

    static OperatorResponse.GetState state(ClusterSnapshot s) {
        return new OperatorResponse.GetState(tasks(s), executors(s), frameworks(s), agents(s));
    }

    static GetAgents agents(ClusterSnapshot s) {
        List<GetAgents.Agent> agents = s.registeredAgents().stream().map(V1Assembler::agent).toList();
        List<AgentInfo> recovered = s.recoveredAgents().stream().map(AgentView::info).toList();
        return new GetAgents(agents, recovered);
    }

    static GetAgents.Agent agent(AgentView a) {
        return new GetAgents.Agent(a.info(), a.isActive(), a.deactivated(), a.version() == null ? "" : a.version(),
                a.pid(), time(a.registeredTime()), time(a.reregisteredTime()), endpoint(a.total()), endpoint(a.used()),
                endpoint(a.offered()), a.capabilities().stream().map(GetAgents.Capability::new).toList(), null, null,
                null);
    }

    static GetFrameworks frameworks(ClusterSnapshot s) {
        Map<AgentId, AgentView> agents = s.agents().stream()
                .collect(Collectors.toMap(AgentView::id, Function.identity(), (a, b) -> a));
        List<GetFrameworks.Framework> active = new ArrayList<>();
        for (FrameworkView f : s.frameworks()) {
            active.add(framework(f, agents::get, s.maintenance()));
        }
        List<GetFrameworks.Framework> completed = new ArrayList<>();
        for (FrameworkView f : s.completedFrameworks()) {
            completed.add(framework(f, agents::get, s.maintenance()));
        }
        return new GetFrameworks(active, completed);
    }

    static GetFrameworks.Framework framework(FrameworkView f, Function<AgentId, AgentView> agents,
            MaintenanceSchedule maintenance) {
        List<Offer> offers = new ArrayList<>(f.offers().size());
        for (OutstandingOffer offer : f.offers()) {
            AgentView agent = agents.apply(offer.agentId());
            if (agent != null) {
                offers.add(offer(offer, agent, maintenance));
            }
        }
        return new GetFrameworks.Framework(f.info(), f.isActive(), f.connected(), f.isRecovered(),
                time(f.registeredTime()), time(f.reregisteredTime()), time(f.unregisteredTime()), offers, List.of(),
                endpoint(f.used()), endpoint(f.offered()), null);
    }

    /** An outstanding offer as the framework received it. */
    static Offer offer(OutstandingOffer offer, AgentView agent, MaintenanceSchedule maintenance) {
        List<ExecutorId> executors = agent.executors().getOrDefault(offer.frameworkId(), List.of()).stream()
                .map(ExecutorInfo::executorId).toList();
        return new Offer(offer.id(), offer.frameworkId(), agent.id(), agent.info().hostname(),
                Url.http(agent.info().hostname(), agent.ip(), agent.port(), "/slave(1)"), agent.info().domain(),
                offer.resources().toList(offer.role()), agent.info().attributes(), executors,
                maintenance.unavailabilityOf(agent.info().hostname(), agent.ip()), new AllocationInfo(offer.role()));
    }

    /**
     * Resources in Mesos's "endpoint" format, which operator endpoints use so that tools written
     * before reservation refinement keep working: every resource has its {@code reservations}
     * stack, and also the old {@code role} ({@code *} when unreserved) and, for a dynamic
     * reservation, {@code reservation} with its principal and labels, unless it was refined.
     */
    static List<Resource> endpoint(Resources resources) {
        List<Resource> result = new ArrayList<>(resources.size());
        for (Resource r : resources.toList()) {
            result.add(endpoint(r));
        }
        return result;
    }

    static Resource endpoint(Resource r) {
        List<ReservationInfo> stack;
        if (r.reservations() != null && !r.reservations().isEmpty()) {
            stack = r.reservations();
        } else if (r.isUnreserved()) {
            stack = List.of();
        } else if (r.reservation() != null) {
            stack = List.of(new ReservationInfo(ReservationInfo.Type.DYNAMIC, r.reservationRole(),
                    r.reservation().principal(), r.reservation().labels()));
        } else {
            stack = List.of(ReservationInfo.staticFor(r.reservationRole()));
        }
        String role = stack.isEmpty() ? Resource.UNRESERVED : stack.size() == 1 ? stack.getFirst().role() : null;
        ReservationInfo legacy = stack.size() == 1 && stack.getFirst().type() == ReservationInfo.Type.DYNAMIC
                ? new ReservationInfo(null, null, stack.getFirst().principal(), stack.getFirst().labels()) : null;
        return new Resource(r.name(), r.type(), r.scalar(), r.ranges(), r.set(), role, r.allocationInfo(), legacy,
                stack.isEmpty() ? null : stack, r.disk(), r.revocable(), r.shared(), r.providerId());
    }

    static GetExecutors executors(ClusterSnapshot s) {
        List<GetExecutors.Executor> executors = new ArrayList<>();
        for (List<PlacedExecutor> placed : s.executorsByFramework().values()) {
            for (PlacedExecutor p : placed) {
                executors.add(new GetExecutors.Executor(withoutSecrets(p.info()), p.agentId()));
            }
        }
        return new GetExecutors(executors);
    }

    /** Tasks of active and completed frameworks, as Mesos lists them. */
    static GetTasks tasks(ClusterSnapshot s) {
        List<Task> tasks = new ArrayList<>();
        List<Task> unreachable = new ArrayList<>();
        List<Task> completed = new ArrayList<>();
        List<FrameworkView> all = new ArrayList<>(s.frameworks());
        all.addAll(s.completedFrameworks());
        for (FrameworkView f : all) {
            f.tasks().forEach(t -> tasks.add(t.task()));
            f.unreachableTasks().forEach(t -> unreachable.add(t.task()));
            f.completedTasks().forEach(t -> completed.add(t.task()));
        }
        return new GetTasks(tasks, unreachable, completed);
    }

    /**
     * The executor with its secret environment variables reduced to their names: a secret reaches
     * the agent that needs it, never the operator API.
     */
    static ExecutorInfo withoutSecrets(ExecutorInfo e) {
        CommandInfo command = e.command();
        if (command == null || command.environment() == null) {
            return e;
        }
        List<CommandInfo.Environment.Variable> variables = command.environment().variables().stream()
                .map(v -> "SECRET".equals(v.type()) || v.secret() != null
                        ? new CommandInfo.Environment.Variable(v.name(), v.type(), null, null) : v)
                .toList();
        CommandInfo clean = new CommandInfo(command.uris(), new CommandInfo.Environment(variables), command.shell(),
                command.value(), command.arguments(), command.user());
        return new ExecutorInfo(e.type(), e.executorId(), e.frameworkId(), clean, e.container(), e.resources(),
                e.name(), e.source(), e.data(), e.discovery(), e.shutdownGracePeriod(), e.labels());
    }

    static OperatorResponse.GetRoles roles(ClusterSnapshot s) {
        List<OperatorResponse.Role> roles = new ArrayList<>();
        for (RoleSummary r : RoleSummary.all(s)) {
            List<Resource> held = r.allocated().plus(r.offered()).toList(r.name());
            roles.add(new OperatorResponse.Role(r.name(), r.weight(), r.frameworks(), held));
        }
        return new OperatorResponse.GetRoles(roles);
    }

    static OperatorResponse.GetWeights weights(Map<String, Double> weights) {
        return new OperatorResponse.GetWeights(weights.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> WeightInfo.of(e.getKey(), e.getValue())).toList());
    }

    /** Every quota, in the current form and the legacy one (guarantees as scalar resources). */
    static QuotaStatus quota(Map<String, QuotaConfig> quotas) {
        List<QuotaInfo> infos = new ArrayList<>();
        List<io.mpaas.protocol.mesos.master.QuotaConfig> configs = new ArrayList<>();
        quotas.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            List<Resource> guarantee = e.getValue().guarantee().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(q -> Resource.scalar(q.getKey(), q.getValue())).toList();
            infos.add(new QuotaInfo(e.getKey(), null, guarantee));
            configs.add(io.mpaas.protocol.mesos.master.QuotaConfig.of(e.getKey(), sorted(e.getValue().guarantee()),
                    sorted(e.getValue().limit())));
        });
        return new QuotaStatus(infos, configs);
    }

    static OperatorResponse.GetMaster master(ClusterSnapshot s) {
        return new OperatorResponse.GetMaster(s.masterInfo(), V0Writer.seconds(s.startTime()),
                s.electedTime() == null ? null : V0Writer.seconds(s.electedTime()));
    }

    /** Machines in a window are draining; machines are never taken down here (no START_MAINTENANCE). */
    static OperatorResponse.GetMaintenanceStatus maintenanceStatus(MaintenanceSchedule schedule) {
        List<OperatorResponse.ClusterStatus.DrainingMachine> draining = new ArrayList<>();
        for (MaintenanceSchedule.Window w : schedule.windows()) {
            for (MaintenanceSchedule.MachineId m : w.machineIds()) {
                draining.add(new OperatorResponse.ClusterStatus.DrainingMachine(m, List.of()));
            }
        }
        return new OperatorResponse.GetMaintenanceStatus(new OperatorResponse.ClusterStatus(draining, List.of()));
    }

    static OperatorResponse.GetFlags flags(Map<String, String> flags) {
        return new OperatorResponse.GetFlags(flags.entrySet().stream()
                .map(e -> new OperatorResponse.Flag(e.getKey(), e.getValue())).toList());
    }

    static OperatorResponse.GetMetrics metrics(Map<String, Double> metrics) {
        return new OperatorResponse.GetMetrics(metrics.entrySet().stream()
                .map(e -> new OperatorResponse.Metric(e.getKey(), e.getValue())).toList());
    }

    static TimeInfo time(Instant instant) {
        if (instant == null) {
            return null;
        }
        return new TimeInfo(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }

    private static Map<String, Double> sorted(Map<String, Double> quantities) {
        Map<String, Double> result = new java.util.TreeMap<>();
        quantities.forEach((k, v) -> result.put(k, Scalar.round(v)));
        return result;
    }

    /** The v1 task of a master task (immutable; shared, never copied). */
    static Task task(MasterTask task) {
        return task.task();
    }
}
