package io.mpaas.marathon.event;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Deployment;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.event.AddHealthCheckEvent;
import io.mpaas.protocol.marathon.event.ApiPostEvent;
import io.mpaas.protocol.marathon.event.AppTerminatedEvent;
import io.mpaas.protocol.marathon.event.DeploymentFailed;
import io.mpaas.protocol.marathon.event.DeploymentInfo;
import io.mpaas.protocol.marathon.event.DeploymentStepFailure;
import io.mpaas.protocol.marathon.event.DeploymentStepSuccess;
import io.mpaas.protocol.marathon.event.DeploymentSuccess;
import io.mpaas.protocol.marathon.event.EventStreamAttached;
import io.mpaas.protocol.marathon.event.EventStreamDetached;
import io.mpaas.protocol.marathon.event.FailedHealthCheckEvent;
import io.mpaas.protocol.marathon.event.FrameworkMessageEvent;
import io.mpaas.protocol.marathon.event.GroupChangeFailed;
import io.mpaas.protocol.marathon.event.GroupChangeSuccess;
import io.mpaas.protocol.marathon.event.HealthStatusChangedEvent;
import io.mpaas.protocol.marathon.event.InstanceChangedEvent;
import io.mpaas.protocol.marathon.event.InstanceHealthChangedEvent;
import io.mpaas.protocol.marathon.event.LightPlan;
import io.mpaas.protocol.marathon.event.MarathonEvent;
import io.mpaas.protocol.marathon.event.RemoveHealthCheckEvent;
import io.mpaas.protocol.marathon.event.SchedulerDisconnectedEvent;
import io.mpaas.protocol.marathon.event.SchedulerRegisteredEvent;
import io.mpaas.protocol.marathon.event.SchedulerReregisteredEvent;
import io.mpaas.protocol.marathon.event.StatusUpdateEvent;
import io.mpaas.protocol.marathon.event.SubscribeEvent;
import io.mpaas.protocol.marathon.event.UnhealthyInstanceKillEvent;
import io.mpaas.protocol.marathon.event.UnknownInstanceTerminatedEvent;
import io.mpaas.protocol.marathon.event.UnsubscribeEvent;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Marathon's event bus: turns what the scheduler reports ({@link Events}) into Marathon's payloads, encodes each
 * once, and hands it to every sink: the HTTP callback dispatcher and each open {@code /v2/events} stream. Sinks
 * only queue, so publishing costs the caller the encoding and a few queue offers; it never blocks and never throws
 * (a payload that cannot be built or a sink that fails is logged and skipped), because a broken subscriber must
 * not stop scheduling. Order between events of one publisher is kept per sink; Marathon promises no more.
 * On shutdown it closes the streams first, so that the web server's graceful shutdown does not wait on them.
 */
@Component
public class EventBus implements Events, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    /** Deployment and group events name the root: marathon deploys the whole root group at once. */
    private static final String ROOT_GROUP = PathId.ROOT.toString();

    private final Clock clock;
    private final List<EventSink> sinks;
    private final Set<SseConnection> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * @param sinks the sinks for the bus's whole life (the callback dispatcher); streams come and go by
     *     {@link #attach}
     */
    public EventBus(Clock clock, List<EventSink> sinks) {
        this.clock = clock;
        this.sinks = List.copyOf(sinks);
    }

    /** Encodes {@code event} and offers it to every sink. */
    public void publish(MarathonEvent event) {
        buildAndPublish(() -> Objects.requireNonNull(event, "event"));
    }

    @Override
    public void apiPost(String clientIp, String uri, App app) {
        buildAndPublish(() -> new ApiPostEvent(clientIp, uri, app, now()));
    }

    @Override
    public void statusUpdate(Instance instance, TaskStatus status) {
        buildAndPublish(() -> new StatusUpdateEvent(
                status.agentId() != null ? status.agentId().value() : instance.agentId(),
                status.taskId().value(), status.state().name(), status.message() == null ? "" : status.message(),
                instance.appId().toString(), instance.host(), ipAddresses(instance, status), instance.hostPorts(),
                MarathonTime.format(instance.runSpecVersion()), now()));
    }

    @Override
    public void instanceChanged(Instance instance) {
        buildAndPublish(() -> new InstanceChangedEvent(instance.instanceId(), instance.condition().marathonName(),
                instance.appId().toString(), instance.agentId(), instance.host(),
                MarathonTime.format(instance.runSpecVersion()), now()));
    }

    @Override
    public void instanceHealthChanged(Instance instance, Boolean healthy) {
        buildAndPublish(() -> new InstanceHealthChangedEvent(instance.instanceId(), instance.appId().toString(),
                MarathonTime.format(instance.runSpecVersion()), healthy, now()));
    }

    @Override
    public void healthStatusChanged(Instance instance, boolean alive) {
        buildAndPublish(() -> new HealthStatusChangedEvent(instance.appId().toString(), instance.instanceId(),
                MarathonTime.format(instance.runSpecVersion()), alive, now()));
    }

    @Override
    public void failedHealthCheck(Instance instance, HealthCheck check) {
        buildAndPublish(() -> new FailedHealthCheckEvent(instance.appId().toString(), instance.instanceId(), check,
                now()));
    }

    @Override
    public void unhealthyInstanceKill(Instance instance, String reason) {
        buildAndPublish(() -> new UnhealthyInstanceKillEvent(instance.appId().toString(), instance.taskId(),
                instance.instanceId(), MarathonTime.format(instance.runSpecVersion()), reason, instance.host(),
                instance.agentId(), now()));
    }

    @Override
    public void addHealthCheck(PathId appId, Instant version, HealthCheck check) {
        buildAndPublish(() -> new AddHealthCheckEvent(appId.toString(), MarathonTime.format(version), check, now()));
    }

    @Override
    public void removeHealthCheck(PathId appId) {
        buildAndPublish(() -> new RemoveHealthCheckEvent(appId.toString(), now()));
    }

    @Override
    public void deploymentInfo(DeploymentPlan plan, int stepIndex) {
        buildAndPublish(() -> new DeploymentInfo(lightPlan(plan), step(plan, stepIndex), now()));
    }

    @Override
    public void deploymentStepSuccess(DeploymentPlan plan, int stepIndex) {
        buildAndPublish(() -> new DeploymentStepSuccess(lightPlan(plan), step(plan, stepIndex), now()));
    }

    @Override
    public void deploymentStepFailure(DeploymentPlan plan, int stepIndex) {
        buildAndPublish(() -> new DeploymentStepFailure(lightPlan(plan), step(plan, stepIndex), now()));
    }

    @Override
    public void deploymentSuccess(DeploymentPlan plan) {
        buildAndPublish(() -> new DeploymentSuccess(plan.id(), lightPlan(plan), now()));
        buildAndPublish(() -> new GroupChangeSuccess(ROOT_GROUP, MarathonTime.format(plan.version()), now()));
    }

    @Override
    public void deploymentFailed(DeploymentPlan plan, String reason) {
        buildAndPublish(() -> new DeploymentFailed(plan.id(), lightPlan(plan), reason, now()));
        buildAndPublish(() -> new GroupChangeFailed(ROOT_GROUP, MarathonTime.format(plan.version()), reason, now()));
    }

    @Override
    public void appTerminated(PathId appId) {
        buildAndPublish(() -> new AppTerminatedEvent(appId.toString(), now()));
    }

    @Override
    public void unknownInstanceTerminated(String instanceId, PathId appId, String condition) {
        buildAndPublish(() -> new UnknownInstanceTerminatedEvent(instanceId, appId.toString(), condition, now()));
    }

    @Override
    public void schedulerRegistered(String frameworkId, String master) {
        buildAndPublish(() -> new SchedulerRegisteredEvent(frameworkId, master, now()));
    }

    @Override
    public void schedulerReregistered(String master) {
        buildAndPublish(() -> new SchedulerReregisteredEvent(master, now()));
    }

    @Override
    public void schedulerDisconnected() {
        buildAndPublish(() -> new SchedulerDisconnectedEvent(now()));
    }

    @Override
    public void frameworkMessage(String agentId, String executorId, String message) {
        buildAndPublish(() -> new FrameworkMessageEvent(agentId, executorId, message, now()));
    }

    /** Publishes and returns {@code subscribe_event}, which is also the answer to the subscribing POST. */
    public SubscribeEvent subscribed(String clientIp, String callbackUrl) {
        SubscribeEvent event = new SubscribeEvent(clientIp, callbackUrl, now());
        publish(event);
        return event;
    }

    /** Publishes and returns {@code unsubscribe_event}, which is also the answer to the DELETE. */
    public UnsubscribeEvent unsubscribed(String clientIp, String callbackUrl) {
        UnsubscribeEvent event = new UnsubscribeEvent(clientIp, callbackUrl, now());
        publish(event);
        return event;
    }

    /**
     * Adds a {@code /v2/events} client until it closes. Its own {@code event_stream_attached} is queued for it before
     * it can receive anything else, so that it comes first; every other sink then gets the same event.
     */
    void attach(SseConnection stream) {
        EventStreamAttached attached = new EventStreamAttached(stream.remoteAddress(), now());
        String json = MarathonJson.write(attached);
        stream.onClose(() -> detach(stream));
        stream.offer(attached.eventType(), json);
        streams.add(stream);
        if (stopped || !stream.isOpen()) {
            stream.close();
            detach(stream);
            return;
        }
        offerAll(attached.eventType(), json, stream);
    }

    /** Removes a client (gone, or cut off for falling behind) and publishes {@code event_stream_detached}. */
    void detach(SseConnection stream) {
        if (streams.remove(stream)) {
            buildAndPublish(() -> new EventStreamDetached(stream.remoteAddress(), now()));
        }
    }

    /** How many {@code /v2/events} clients are attached. */
    public int streamCount() {
        return streams.size();
    }

    private void buildAndPublish(Supplier<MarathonEvent> build) {
        if (!anyoneListening()) {
            return;
        }
        MarathonEvent event;
        try {
            event = build.get();
        } catch (RuntimeException e) {
            log.warn("Could not build an event; it is not published", e);
            return;
        }
        deliver(event, null);
    }

    /** Whether an event published now reaches a stream or a sink (see {@link EventSink#isListening}). */
    private boolean anyoneListening() {
        if (!streams.isEmpty()) {
            return true;
        }
        boolean listening = false;
        for (EventSink sink : sinks) {
            // Every sink is asked: asking is how the callback dispatcher notices new subscriptions.
            listening |= sink.isListening();
        }
        return listening;
    }

    private void deliver(MarathonEvent event, SseConnection except) {
        String json;
        try {
            json = MarathonJson.write(event);
        } catch (RuntimeException e) {
            log.warn("Could not encode {}; it is not published", event.eventType(), e);
            return;
        }
        offerAll(event.eventType(), json, except);
    }

    private void offerAll(String eventType, String json, SseConnection except) {
        for (EventSink sink : sinks) {
            offer(sink, eventType, json);
        }
        for (SseConnection stream : streams) {
            if (stream != except) {
                offer(stream, eventType, json);
            }
        }
    }

    private static void offer(EventSink sink, String eventType, String json) {
        try {
            sink.offer(eventType, json);
        } catch (RuntimeException e) {
            log.warn("Event sink {} refused {}", sink, eventType, e);
        }
    }

    private String now() {
        return MarathonTime.format(clock.instant());
    }

    /** The addresses Mesos reported for the task's container; else those kept on the instance. */
    private static List<StatusUpdateEvent.IpAddress> ipAddresses(Instance instance, TaskStatus status) {
        if (status.containerStatus() != null && status.containerStatus().networkInfos() != null) {
            List<StatusUpdateEvent.IpAddress> reported = status.containerStatus().networkInfos().stream()
                    .flatMap(network -> network.ipAddresses().stream())
                    .filter(address -> address.ipAddress() != null)
                    .map(address -> new StatusUpdateEvent.IpAddress(address.ipAddress(),
                            address.protocol() != null ? address.protocol() : protocolOf(address.ipAddress())))
                    .toList();
            if (!reported.isEmpty()) {
                return reported;
            }
        }
        return instance.ipAddresses().stream()
                .map(address -> new StatusUpdateEvent.IpAddress(address, protocolOf(address))).toList();
    }

    private static String protocolOf(String address) {
        return address.contains(":") ? "IPv6" : "IPv4";
    }

    private static LightPlan lightPlan(DeploymentPlan plan) {
        return LightPlan.of(plan.toWire(0));
    }

    /** The actions of step {@code stepIndex}; none for an index past the plan (an empty plan's "step"). */
    private static Deployment.Step step(DeploymentPlan plan, int stepIndex) {
        List<Deployment.Step> steps = plan.toWire(stepIndex).steps();
        return stepIndex >= 0 && stepIndex < steps.size() ? steps.get(stepIndex) : new Deployment.Step(List.of());
    }

    /** The bus runs from construction; this only matters after a {@link #stop()}. */
    @Override
    public void start() {
        stopped = false;
    }

    /** Closes every stream, so that their requests end and the web server can shut down without waiting. */
    @Override
    public void stop() {
        stopped = true;
        streams.forEach(SseConnection::close);
    }

    @Override
    public boolean isRunning() {
        return !stopped;
    }

    /** Stops before the web server's graceful shutdown (a lower phase), which would otherwise wait on streams. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
