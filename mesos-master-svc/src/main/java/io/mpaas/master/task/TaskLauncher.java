package io.mpaas.master.task;

import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.cluster.OutstandingOffer;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.Filters;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskGroupInfo;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ACCEPT: turns offers into launched tasks. The offers are used up whatever happens; each task
 * either launches (STAGING, resources taken from the offered pool, LAUNCH sent to the agent) or
 * gets TASK_ERROR / TASK_LOST with a reason and takes nothing; what is left goes back to the
 * allocator with the call's refusal filter. No task is ever half-launched and no resource lost.
 */
@Component
public class TaskLauncher {

    private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);
    private static final Duration MAX_REFUSE = Duration.ofDays(365);

    private final Cluster cluster;
    private final OfferBook offers;
    private final HierarchicalAllocator allocator;
    private final TaskTracker tasks;
    private final Clock clock;
    private final Duration defaultRefuse;

    public TaskLauncher(Cluster cluster, OfferBook offers, HierarchicalAllocator allocator, TaskTracker tasks,
            Clock clock, AllocationProperties allocation) {
        this.cluster = cluster;
        this.offers = offers;
        this.allocator = allocator;
        this.tasks = tasks;
        this.clock = clock;
        this.defaultRefuse = allocation.defaultRefuse();
    }

    /** How long refused resources stay away: {@code refuse_seconds}, default when absent or negative, capped at a year. */
    public Duration refuseDuration(Filters filters) {
        if (filters == null || filters.refuseSeconds() == null || filters.refuseSeconds() < 0
                || filters.refuseSeconds().isNaN()) {
            return defaultRefuse;
        }
        double seconds = Math.min(filters.refuseSeconds(), MAX_REFUSE.toSeconds());
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** Carries out an ACCEPT for {@code framework}. Called under the lock. */
    public void accept(Framework framework, Call.Accept accept) {
        Optional<String> invalid = validateOffers(framework, accept.offerIds());
        if (invalid.isPresent()) {
            rejectAll(framework, accept, invalid.get());
            return;
        }
        Map<String, Resources> available = new LinkedHashMap<>();
        AgentId agentId = null;
        for (OfferId id : accept.offerIds()) {
            OutstandingOffer offer = offers.take(id);
            available.merge(offer.role(), offer.resources(), Resources::plus);
            agentId = offer.agentId();
        }
        Agent agent = cluster.agents().get(agentId);
        Set<TaskId> launchedNow = new HashSet<>();
        for (Offer.Operation op : accept.operations()) {
            if (op == null || op.type() == null) {
                continue;
            }
            switch (op.type()) {
                case LAUNCH -> {
                    if (op.launch() != null) {
                        for (TaskInfo task : op.launch().taskInfos()) {
                            launch(framework, agent, available, task, launchedNow);
                        }
                    }
                }
                case LAUNCH_GROUP -> {
                    if (op.launchGroup() != null) {
                        launchGroup(framework, agent, available, op.launchGroup(), launchedNow);
                    }
                }
                default -> log.info("Framework {} asked for unsupported offer operation {}; its resources are "
                        + "returned", framework.id(), op.type());
            }
        }
        Duration refuse = refuseDuration(accept.filters());
        for (Map.Entry<String, Resources> left : available.entrySet()) {
            if (!left.getValue().isEmpty()) {
                allocator.recoverResources(framework.id(), agentId, left.getKey(), left.getValue(), refuse);
            }
        }
        offers.requestAllocation();
    }

    /** DECLINE: every offer back with the call's filter; ids that are not (or no longer) the framework's are ignored. */
    public void decline(Framework framework, Call.Decline decline) {
        Duration refuse = refuseDuration(decline.filters());
        for (OfferId id : decline.offerIds()) {
            OutstandingOffer offer = cluster.offers().get(id);
            if (offer != null && offer.frameworkId().equals(framework.id())) {
                offers.decline(id, refuse);
            }
        }
    }

    private Optional<String> validateOffers(Framework framework, List<OfferId> ids) {
        if (ids.isEmpty()) {
            return Optional.of("No offers specified");
        }
        Set<OfferId> seen = new HashSet<>();
        AgentId agent = null;
        for (OfferId id : ids) {
            if (!seen.add(id)) {
                return Optional.of("Offer " + id + " is specified more than once");
            }
            OutstandingOffer offer = cluster.offers().get(id);
            if (offer == null) {
                return Optional.of("Offer " + id + " is no longer valid");
            }
            if (!offer.frameworkId().equals(framework.id())) {
                return Optional.of("Offer " + id + " has invalid framework " + offer.frameworkId()
                        + " while framework " + framework.id() + " is expected");
            }
            if (agent != null && !agent.equals(offer.agentId())) {
                return Optional.of("Aggregated offers must belong to one single agent. Offer " + id
                        + " uses agent " + offer.agentId() + " and agent " + agent);
            }
            agent = offer.agentId();
        }
        Agent a = cluster.agents().get(agent);
        if (a == null || !a.isConnected()) {
            return Optional.of("Agent " + agent + " is not active");
        }
        return Optional.empty();
    }

    /**
     * Offers that cannot be used: every task of the call is reported lost (dropped, to
     * partition-aware frameworks) with REASON_INVALID_OFFERS, and the offers of this framework
     * that do exist go back to the allocator.
     */
    private void rejectAll(Framework framework, Call.Accept accept, String reason) {
        for (OfferId id : accept.offerIds()) {
            OutstandingOffer offer = cluster.offers().get(id);
            if (offer != null && offer.frameworkId().equals(framework.id())) {
                offers.rescind(id, false);
            }
        }
        TaskState state = framework.isPartitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
        for (TaskInfo task : tasksOf(accept)) {
            if (task.taskId() != null) {
                report(framework, task, state, TaskStatus.Reason.REASON_INVALID_OFFERS,
                        "Task launched with invalid offers: " + reason);
            }
        }
    }

    private static List<TaskInfo> tasksOf(Call.Accept accept) {
        List<TaskInfo> all = new ArrayList<>();
        for (Offer.Operation op : accept.operations()) {
            if (op != null && op.launch() != null) {
                all.addAll(op.launch().taskInfos());
            }
            if (op != null && op.launchGroup() != null && op.launchGroup().taskGroup() != null) {
                all.addAll(op.launchGroup().taskGroup().tasks());
            }
        }
        return all;
    }

    private void launch(Framework framework, Agent agent, Map<String, Resources> available, TaskInfo task,
            Set<TaskId> launchedNow) {
        Optional<String> error = TaskValidator.validateTask(task, false)
                .or(() -> checkPlacement(framework, agent, task, launchedNow));
        ExecutorInfo executor = task.executor();
        boolean newExecutor = executor != null && !knownExecutor(framework, agent, executor);
        if (error.isEmpty() && executor != null && executor.frameworkId() != null
                && !executor.frameworkId().equals(framework.id())) {
            error = Optional.of("ExecutorInfo has an invalid FrameworkID " + executor.frameworkId());
        }
        String role = null;
        Resources need = Resources.EMPTY;
        if (error.isEmpty()) {
            List<Resource> all = new ArrayList<>(task.resources());
            if (newExecutor) {
                all.addAll(executor.resources());
            }
            role = roleOf(framework, available, all);
            need = Resources.of(all);
            error = checkResources(task.taskId().value(), available, role, need);
        }
        if (error.isPresent()) {
            report(framework, task, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, error.get());
            return;
        }
        available.put(role, available.get(role).minus(need));
        TaskInfo launched = normalized(task, agent, role, framework);
        if (newExecutor) {
            addExecutor(framework, agent, launched.executor());
        }
        start(framework, agent, launched, role, launchedNow);
        agent.send(AgentEvent.launch(framework.info(), launched));
    }

    private void launchGroup(Framework framework, Agent agent, Map<String, Resources> available,
            Offer.Operation.LaunchGroup group, Set<TaskId> launchedNow) {
        ExecutorInfo executor = group.executor();
        TaskGroupInfo taskGroup = group.taskGroup() == null ? new TaskGroupInfo(List.of()) : group.taskGroup();
        Optional<String> error = executor == null ? Optional.of("LAUNCH_GROUP needs an 'executor'")
                : executor.type() != ExecutorInfo.Type.DEFAULT
                        ? Optional.of("LAUNCH_GROUP needs an executor of type DEFAULT")
                        : TaskValidator.validateExecutor(executor);
        if (error.isEmpty() && taskGroup.tasks().isEmpty()) {
            error = Optional.of("Task group has no tasks");
        }
        Set<TaskId> inGroup = new HashSet<>(launchedNow);
        List<Resource> all = new ArrayList<>();
        for (TaskInfo task : taskGroup.tasks()) {
            if (error.isPresent()) {
                break;
            }
            error = TaskValidator.validateTask(task, true).or(() -> checkPlacement(framework, agent, task, inGroup));
            if (error.isEmpty()) {
                inGroup.add(task.taskId());
                all.addAll(task.resources());
            }
        }
        boolean newExecutor = executor != null && !knownExecutor(framework, agent, executor);
        String role = null;
        if (error.isEmpty()) {
            if (newExecutor) {
                all.addAll(executor.resources());
            }
            role = roleOf(framework, available, all);
            error = checkResources("group of " + taskGroup.tasks().size() + " tasks", available, role,
                    Resources.of(all));
        }
        if (error.isPresent()) {
            for (TaskInfo task : taskGroup.tasks()) {
                if (task.taskId() != null) {
                    report(framework, task, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_GROUP_INVALID,
                            error.get());
                }
            }
            return;
        }
        available.put(role, available.get(role).minus(Resources.of(all)));
        ExecutorInfo launchedExecutor = new ExecutorInfo(executor.type(), executor.executorId(), framework.id(),
                executor.command(), executor.container(), withRole(executor.resources(), role), executor.name(),
                executor.source(), executor.data(), executor.discovery(), executor.shutdownGracePeriod(),
                executor.labels());
        if (newExecutor) {
            addExecutor(framework, agent, launchedExecutor);
        }
        List<TaskInfo> launched = new ArrayList<>();
        for (TaskInfo task : taskGroup.tasks()) {
            TaskInfo t = normalized(task, agent, role, framework).withExecutor(launchedExecutor);
            start(framework, agent, t, role, launchedNow);
            launched.add(t.withExecutor(null));
        }
        agent.send(AgentEvent.launchGroup(framework.info(), launchedExecutor, new TaskGroupInfo(launched)));
    }

    private void start(Framework framework, Agent agent, TaskInfo info, String role, Set<TaskId> launchedNow) {
        launchedNow.add(info.taskId());
        String user = info.command() != null && info.command().user() != null ? info.command().user()
                : framework.info().user();
        Task task = new Task(info.name(), info.taskId(), framework.id(),
                info.executor() == null ? null : info.executor().executorId(), agent.id(), TaskState.TASK_STAGING,
                info.resources(), List.of(), null, null, info.labels(), info.discovery(), info.container(),
                info.healthCheck(), info.killPolicy(), user);
        tasks.launched(framework, agent, new MasterTask(task, role));
    }

    private Optional<String> checkPlacement(Framework framework, Agent agent, TaskInfo task, Set<TaskId> launchedNow) {
        if (task.agentId() != null && !task.agentId().equals(agent.id())) {
            return Optional.of("Task " + task.taskId() + " uses agent " + task.agentId()
                    + " but the offers are of agent " + agent.id());
        }
        if (framework.tasks().containsKey(task.taskId()) || framework.unreachableTasks().containsKey(task.taskId())
                || launchedNow.contains(task.taskId())) {
            return Optional.of("Task has duplicate ID: " + task.taskId());
        }
        return Optional.empty();
    }

    private static Optional<String> checkResources(String what, Map<String, Resources> available, String role,
            Resources need) {
        if (role == null) {
            return Optional.of("Task " + what + " uses resources allocated to a role it was not offered in "
                    + available.keySet());
        }
        Resources pool = available.get(role);
        if (!pool.contains(need)) {
            return Optional.of("Task " + what + " uses more resources " + need + " than available " + pool);
        }
        return Optional.empty();
    }

    /** The role the resources are allocated to: their {@code allocation_info}, or the only offered role. */
    private static String roleOf(Framework framework, Map<String, Resources> available, List<Resource> resources) {
        String role = null;
        for (Resource r : resources) {
            if (r.allocationInfo() != null && r.allocationInfo().role() != null) {
                if (role != null && !role.equals(r.allocationInfo().role())) {
                    return null;
                }
                role = r.allocationInfo().role();
            }
        }
        if (role == null && available.size() == 1) {
            role = available.keySet().iterator().next();
        }
        return role != null && available.containsKey(role) ? role : null;
    }

    private static boolean knownExecutor(Framework framework, Agent agent, ExecutorInfo executor) {
        var executors = agent.executors().get(framework.id());
        return executors != null && executors.containsKey(executor.executorId());
    }

    private void addExecutor(Framework framework, Agent agent, ExecutorInfo executor) {
        agent.executors().computeIfAbsent(framework.id(), f -> new LinkedHashMap<>())
                .put(executor.executorId(), executor);
        Resources r = Resources.of(executor.resources());
        agent.addUsed(r);
        framework.addUsed(r);
    }

    /** The task as sent to the agent: its agent id set, its resources marked with their allocation role. */
    private static TaskInfo normalized(TaskInfo task, Agent agent, String role, Framework framework) {
        TaskInfo t = task.withAgentId(agent.id()).withResources(withRole(task.resources(), role));
        if (t.executor() != null && t.executor().frameworkId() == null) {
            ExecutorInfo e = t.executor();
            t = t.withExecutor(new ExecutorInfo(e.type(), e.executorId(), framework.id(), e.command(), e.container(),
                    withRole(e.resources(), role), e.name(), e.source(), e.data(), e.discovery(),
                    e.shutdownGracePeriod(), e.labels()));
        }
        return t;
    }

    private static List<Resource> withRole(List<Resource> resources, String role) {
        List<Resource> list = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            list.add(r.withAllocationRole(role));
        }
        return list;
    }

    /** A status about a task that never launched: from the master, without uuid (no acknowledgement needed). */
    private void report(Framework framework, TaskInfo task, TaskState state, TaskStatus.Reason reason, String message) {
        log.info("Task {} of framework {}: {} ({})", task.taskId(), framework.id(), state, message);
        framework.send(Event.update(TaskStatus.fromMaster(task.taskId(), state, reason, message, task.agentId(),
                clock.millis() / 1000.0)));
    }
}
