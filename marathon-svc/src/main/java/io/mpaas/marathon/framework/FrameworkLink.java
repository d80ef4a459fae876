package io.mpaas.marathon.framework;

import io.mpaas.coordination.MasterSource;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.Filters;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.client.Credential;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.protocol.mesos.client.SchedulerClient;
import io.mpaas.protocol.mesos.client.SchedulerClientSettings;
import io.mpaas.protocol.mesos.client.SchedulerListener;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's registration with the master: one {@link SchedulerClient} per leadership term,
 * subscribing with the stored framework id so that a new leader takes the running tasks over.
 * Implements the scheduler's outgoing calls; each is fire-and-forget (see {@link MesosCalls}).
 */
public final class FrameworkLink implements MesosCalls, FrameworkStatus {

    private static final Logger log = LoggerFactory.getLogger(FrameworkLink.class);

    /**
     * Calls to the master in flight at once, per kind; the master handles them one by one anyway.
     * Acknowledgements have a window of their own, so that a burst of them (two per launched task)
     * does not hold up the offer answers, launches and kills queued behind it.
     */
    static final int CALLS_IN_FLIGHT = 32;

    private final MesosProperties properties;
    private final FrameworkIdRepository frameworkIds;
    private final String hostname;
    private final CallWindow calls = new CallWindow(CALLS_IN_FLIGHT);
    private final CallWindow acknowledgements = new CallWindow(CALLS_IN_FLIGHT);
    /**
     * REVIVE and SUPPRESS one at a time, in the order they were decided: in the shared window a SUPPRESS sent
     * just before a REVIVE could reach the master after it, leaving marathon suppressed while it believes
     * itself revived, and its waiting instances never saw an offer (seen in MarathonProcessIT when an app was
     * posted in the same instant marathon subscribed).
     */
    private final CallWindow offerInterest = new CallWindow(1);
    private volatile SchedulerClient client;
    private volatile MasterSource masters;

    public FrameworkLink(MesosProperties properties, FrameworkIdRepository frameworkIds, String hostname) {
        this.properties = properties;
        this.frameworkIds = frameworkIds;
        this.hostname = hostname;
    }

    /** Subscribes as marathon; {@code listener} hears the master. */
    public synchronized void start(SchedulerListener listener) {
        if (client != null) {
            return;
        }
        SchedulerClientSettings settings = SchedulerClientSettings.defaults();
        if (!properties.principal().isBlank()) {
            settings = settings.withCredential(new Credential(properties.principal(), properties.secret()));
        }
        masters = MasterSource.open(properties.master(), MasterLocator.FRAMEWORK_SPREAD);
        SchedulerClient started = SchedulerClient.create(masters.locator(), listener, settings);
        client = started;
        started.start(frameworkInfo());
        log.info("Subscribing to the master at {} as framework {}", properties.master(),
                frameworkIds.get().orElse("(new)"));
    }

    private FrameworkInfo frameworkInfo() {
        FrameworkId id = frameworkIds.get().map(FrameworkId::new).orElse(null);
        List<FrameworkInfo.Capability> capabilities = List.of(
                new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.PARTITION_AWARE),
                new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE));
        return new FrameworkInfo(properties.user(), properties.frameworkName(), id,
                (double) properties.failoverTimeout().toSeconds(), true, properties.role(), null, hostname,
                properties.principal().isBlank() ? null : properties.principal(),
                properties.webuiUrl().isBlank() ? null : properties.webuiUrl(), capabilities, null, null);
    }

    /** Closes the subscription (the framework and its tasks stay at the master for failover_timeout). */
    public synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (masters != null) {
            masters.close();
            masters = null;
        }
    }

    @Override
    public Optional<String> frameworkId() {
        SchedulerClient current = client;
        Optional<String> live = current == null ? Optional.empty() : current.frameworkId().map(FrameworkId::value);
        return live.isPresent() ? live : frameworkIds.get();
    }

    @Override
    public Optional<String> master() {
        SchedulerClient current = client;
        return current == null ? Optional.empty()
                : current.subscription().map(s -> s.master().getHost() + ":" + s.master().getPort());
    }

    @Override
    public void accept(OfferId offerId, List<Offer.Operation> operations, double refuseSeconds) {
        withClient(calls, "ACCEPT", c -> c.accept(List.of(offerId), operations, new Filters(refuseSeconds)));
    }

    @Override
    public void decline(List<OfferId> offerIds, double refuseSeconds) {
        withClient(calls, "DECLINE", c -> c.decline(offerIds, new Filters(refuseSeconds)));
    }

    @Override
    public void kill(String taskId, String agentId) {
        withClient(calls, "KILL", c -> c.kill(new TaskId(taskId), agentId == null ? null : new AgentId(agentId)));
    }

    @Override
    public void acknowledge(TaskStatus status) {
        withClient(acknowledgements, "ACKNOWLEDGE", c -> c.acknowledge(status));
    }

    @Override
    public void reconcile(List<TaskRef> tasks) {
        List<Call.Reconcile.ReconcileTask> refs = tasks.stream().map(t -> new Call.Reconcile.ReconcileTask(
                new TaskId(t.taskId()), t.agentId() == null ? null : new AgentId(t.agentId()))).toList();
        withClient(calls, "RECONCILE", c -> c.reconcile(refs));
    }

    @Override
    public void revive() {
        withClient(offerInterest, "REVIVE", c -> c.revive(List.of()));
    }

    @Override
    public void suppress() {
        withClient(offerInterest, "SUPPRESS", c -> c.suppress(List.of()));
    }

    /** Sends the call when the {@link CallWindow} has room, to the subscription current then. */
    private void withClient(CallWindow window, String call,
            java.util.function.Function<SchedulerClient, CompletableFuture<Void>> send) {
        window.submit(() -> {
            SchedulerClient current = client;
            if (current == null || !current.isSubscribed()) {
                log.debug("{} dropped: not subscribed", call);
                return null;
            }
            try {
                return send.apply(current).exceptionally(e -> {
                    log.debug("{} failed: {}", call, e.toString());
                    return null;
                });
            } catch (RuntimeException e) {
                log.debug("{} not sent: {}", call, e.toString());
                return null;
            }
        });
    }
}
