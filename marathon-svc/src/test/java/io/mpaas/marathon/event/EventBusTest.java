package io.mpaas.marathon.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction.ScaleApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StopApplication;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.deployment.DeploymentPlan.DeploymentStep;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.event.AppTerminatedEvent;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ContainerInfo.NetworkInfo;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.testkit.time.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every payload the bus builds, as exact JSON. */
class EventBusTest {

    private static final String NOW = "2024-05-01T10:00:00.000Z";
    private static final String TAIL = ",\"timestamp\":\"" + NOW + "\"}";
    private static final Instant VERSION = Instant.parse("2024-04-30T09:00:00.123Z");
    private static final String V = "2024-04-30T09:00:00.123Z";

    private final MutableClock clock = MutableClock.startingAt(NOW);
    private final RecordingSink sink = new RecordingSink();
    private final EventBus bus = new EventBus(clock, List.of(sink));

    private static final App WEB = App.withId("/prod/web");
    private static final HealthCheck HTTP_CHECK = new HealthCheck("HTTP", "/health", 0, null, null, 300, 60, 20, 3,
            null, null, null);

    private static Instance running() {
        return new Instance("prod_web.instance-1", PathId.of("/prod/web"), VERSION, VERSION, Goal.RUNNING,
                Condition.RUNNING, VERSION, 1, "prod_web.instance-1._app.1",
                AgentInfo.plain("agent-1", "host-1"), List.of(31000, 31001), List.of(10000), List.of("10.0.0.5"),
                VERSION, VERSION, null, null, null, null, "*");
    }

    private static DeploymentPlan plan() {
        return new DeploymentPlan("d-1", VERSION, RootGroup.empty(Instant.EPOCH),
                new RootGroup(VERSION, Map.of(PathId.of("/prod/web"), WEB), Map.of()), List.of(
                        new DeploymentStep(List.of(new StartApplication(WEB), new StopApplication(App.withId("/old")))),
                        new DeploymentStep(List.of(new ScaleApplication(WEB, 2, null)))));
    }

    private static final String PLAN = "{\"id\":\"d-1\",\"steps\":[{\"actions\":[{\"action\":\"StartApplication\","
            + "\"app\":\"/prod/web\"},{\"action\":\"StopApplication\",\"app\":\"/old\"}]},{\"actions\":[{\"action\":"
            + "\"ScaleApplication\",\"app\":\"/prod/web\"}]}],\"version\":\"" + V + "\"}";

    private String only(String eventType) {
        assertThat(sink.types()).containsExactly(eventType);
        return sink.jsonOf(eventType).getFirst();
    }

    @Test
    void buildsAndEncodesNothingWhenNoSinkListens() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        List<String> offered = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventSink deaf = new EventSink() {
            @Override
            public void offer(String eventType, String json) {
                offered.add(eventType);
            }

            @Override
            public boolean isListening() {
                asked.incrementAndGet();
                return false;
            }
        };
        EventBus quiet = new EventBus(clock, List.of(deaf));

        quiet.instanceChanged(running());
        quiet.statusUpdate(running(), new TaskStatus(new TaskId("prod_web.instance-1._app.1"), TaskState.TASK_RUNNING,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null));

        assertThat(offered).isEmpty();
        assertThat(asked).hasValue(2);
    }

    @Test
    void apiPost() {
        bus.apiPost("10.1.1.1", "/v2/apps/prod/web", App.withId("/prod/web").toBuilder().cmd("sleep 1").build());
        assertThat(only("api_post_event")).isEqualTo("{\"clientIp\":\"10.1.1.1\",\"uri\":\"/v2/apps/prod/web\","
                + "\"appDefinition\":{\"id\":\"/prod/web\",\"cmd\":\"sleep 1\"},\"eventType\":\"api_post_event\""
                + TAIL);
    }

    @Test
    void statusUpdateTakesAddressesFromTheStatus() {
        TaskStatus status = new TaskStatus(new TaskId("prod_web.instance-1._app.1"), TaskState.TASK_RUNNING, null,
                TaskStatus.Source.SOURCE_EXECUTOR, null, null, new AgentId("agent-1"), null, 1.0, "dXVpZA==", null,
                null, null, new TaskStatus.ContainerStatus(null, List.of(new NetworkInfo(List.of(
                        new NetworkInfo.IpAddress("IPv6", "fd00::5"), new NetworkInfo.IpAddress(null, "10.0.0.9")),
                        null, null, null, null)), null, null), null, null);
        bus.statusUpdate(running(), status);
        assertThat(only("status_update_event")).isEqualTo("{\"slaveId\":\"agent-1\",\"taskId\":"
                + "\"prod_web.instance-1._app.1\",\"taskStatus\":\"TASK_RUNNING\",\"message\":\"\",\"appId\":"
                + "\"/prod/web\",\"host\":\"host-1\",\"ipAddresses\":[{\"ipAddress\":\"fd00::5\",\"protocol\":"
                + "\"IPv6\"},{\"ipAddress\":\"10.0.0.9\",\"protocol\":\"IPv4\"}],\"ports\":[31000,31001],"
                + "\"version\":\"" + V + "\",\"eventType\":\"status_update_event\"" + TAIL);
    }

    @Test
    void statusUpdateFallsBackToTheInstancesAddresses() {
        TaskStatus status = TaskStatus.fromMaster(new TaskId("prod_web.instance-1._app.1"), TaskState.TASK_FAILED,
                TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED, "exited 1", null, 1.0);
        bus.statusUpdate(running(), status);
        assertThat(only("status_update_event")).isEqualTo("{\"slaveId\":\"agent-1\",\"taskId\":"
                + "\"prod_web.instance-1._app.1\",\"taskStatus\":\"TASK_FAILED\",\"message\":\"exited 1\",\"appId\":"
                + "\"/prod/web\",\"host\":\"host-1\",\"ipAddresses\":[{\"ipAddress\":\"10.0.0.5\",\"protocol\":"
                + "\"IPv4\"}],\"ports\":[31000,31001],\"version\":\"" + V + "\",\"eventType\":\"status_update_event\""
                + TAIL);
    }

    @Test
    void instanceChanged() {
        bus.instanceChanged(running().withCondition(Condition.UNREACHABLE_INACTIVE, VERSION));
        assertThat(only("instance_changed_event")).isEqualTo("{\"instanceId\":\"prod_web.instance-1\",\"condition\":"
                + "\"UnreachableInactive\",\"runSpecId\":\"/prod/web\",\"agentId\":\"agent-1\",\"host\":\"host-1\","
                + "\"runSpecVersion\":\"" + V + "\",\"eventType\":\"instance_changed_event\"" + TAIL);
    }

    @Test
    void instanceChangedWithoutAnAgentLeavesAgentOut() {
        bus.instanceChanged(Instance.scheduled(PathId.of("/prod/web"), VERSION, VERSION));
        assertThat(only("instance_changed_event")).matches("\\{\"instanceId\":\"prod_web\\.instance-[0-9a-f-]+\","
                + "\"condition\":\"Scheduled\",\"runSpecId\":\"/prod/web\",\"runSpecVersion\":\"" + V
                + "\",\"eventType\":\"instance_changed_event\",\"timestamp\":\"" + NOW + "\"}");
    }

    @Test
    void instanceHealthChanged() {
        bus.instanceHealthChanged(running(), true);
        bus.instanceHealthChanged(running(), null);
        assertThat(sink.jsonOf("instance_health_changed_event")).containsExactly(
                "{\"instanceId\":\"prod_web.instance-1\",\"runSpecId\":\"/prod/web\",\"runSpecVersion\":\"" + V
                        + "\",\"healthy\":true,\"eventType\":\"instance_health_changed_event\"" + TAIL,
                "{\"instanceId\":\"prod_web.instance-1\",\"runSpecId\":\"/prod/web\",\"runSpecVersion\":\"" + V
                        + "\",\"healthy\":null,\"eventType\":\"instance_health_changed_event\"" + TAIL);
    }

    @Test
    void healthStatusChanged() {
        bus.healthStatusChanged(running(), false);
        assertThat(only("health_status_changed_event")).isEqualTo("{\"appId\":\"/prod/web\",\"instanceId\":"
                + "\"prod_web.instance-1\",\"version\":\"" + V + "\",\"alive\":false,\"eventType\":"
                + "\"health_status_changed_event\"" + TAIL);
    }

    @Test
    void failedHealthCheck() {
        bus.failedHealthCheck(running(), HTTP_CHECK);
        assertThat(only("failed_health_check_event")).isEqualTo("{\"appId\":\"/prod/web\",\"instanceId\":"
                + "\"prod_web.instance-1\",\"taskId\":\"prod_web.instance-1\",\"healthCheck\":{\"protocol\":\"HTTP\","
                + "\"path\":\"/health\",\"portIndex\":0,\"gracePeriodSeconds\":300,\"intervalSeconds\":60,"
                + "\"timeoutSeconds\":20,\"maxConsecutiveFailures\":3},\"eventType\":\"failed_health_check_event\""
                + TAIL);
    }

    @Test
    void unhealthyInstanceKill() {
        bus.unhealthyInstanceKill(running(), "HTTP 503 on /health");
        assertThat(only("unhealthy_instance_kill_event")).isEqualTo("{\"appId\":\"/prod/web\",\"taskId\":"
                + "\"prod_web.instance-1._app.1\",\"instanceId\":\"prod_web.instance-1\",\"version\":\"" + V
                + "\",\"reason\":\"HTTP 503 on /health\",\"host\":\"host-1\",\"slaveId\":\"agent-1\",\"eventType\":"
                + "\"unhealthy_instance_kill_event\"" + TAIL);
    }

    @Test
    void addAndRemoveHealthCheck() {
        bus.addHealthCheck(PathId.of("/prod/web"), VERSION, new HealthCheck("TCP", null, 1, null, null, null, null,
                null, null, null, null, null));
        bus.removeHealthCheck(PathId.of("/prod/web"));
        assertThat(sink.types()).containsExactly("add_health_check_event", "remove_health_check_event");
        assertThat(sink.jsonOf("add_health_check_event")).containsExactly("{\"appId\":\"/prod/web\",\"version\":\""
                + V + "\",\"healthCheck\":{\"protocol\":\"TCP\",\"portIndex\":1},\"eventType\":"
                + "\"add_health_check_event\"" + TAIL);
        assertThat(sink.jsonOf("remove_health_check_event")).containsExactly("{\"appId\":\"/prod/web\","
                + "\"eventType\":\"remove_health_check_event\"" + TAIL);
    }

    @Test
    void deploymentStepEventsCarryTheLightPlanAndTheStepsActions() {
        bus.deploymentInfo(plan(), 1);
        bus.deploymentStepSuccess(plan(), 0);
        bus.deploymentStepFailure(plan(), 1);
        assertThat(sink.types()).containsExactly("deployment_info", "deployment_step_success",
                "deployment_step_failure");
        String second = "{\"actions\":[{\"action\":\"ScaleApplication\",\"app\":\"/prod/web\"}]}";
        String first = "{\"actions\":[{\"action\":\"StartApplication\",\"app\":\"/prod/web\"},{\"action\":"
                + "\"StopApplication\",\"app\":\"/old\"}]}";
        assertThat(sink.jsonOf("deployment_info")).containsExactly("{\"plan\":" + PLAN + ",\"currentStep\":" + second
                + ",\"eventType\":\"deployment_info\"" + TAIL);
        assertThat(sink.jsonOf("deployment_step_success")).containsExactly("{\"plan\":" + PLAN + ",\"currentStep\":"
                + first + ",\"eventType\":\"deployment_step_success\"" + TAIL);
        assertThat(sink.jsonOf("deployment_step_failure")).containsExactly("{\"plan\":" + PLAN + ",\"currentStep\":"
                + second + ",\"eventType\":\"deployment_step_failure\"" + TAIL);
    }

    @Test
    void deploymentSuccessIsFollowedByGroupChangeSuccessOfTheRoot() {
        bus.deploymentSuccess(plan());
        assertThat(sink.types()).containsExactly("deployment_success", "group_change_success");
        assertThat(sink.jsonOf("deployment_success")).containsExactly("{\"id\":\"d-1\",\"plan\":" + PLAN
                + ",\"eventType\":\"deployment_success\"" + TAIL);
        assertThat(sink.jsonOf("group_change_success")).containsExactly("{\"groupId\":\"/\",\"version\":\"" + V
                + "\",\"eventType\":\"group_change_success\"" + TAIL);
    }

    @Test
    void deploymentFailedIsFollowedByGroupChangeFailed() {
        bus.deploymentFailed(plan(), "cancelled");
        assertThat(sink.types()).containsExactly("deployment_failed", "group_change_failed");
        assertThat(sink.jsonOf("deployment_failed")).containsExactly("{\"id\":\"d-1\",\"plan\":" + PLAN
                + ",\"reason\":\"cancelled\",\"eventType\":\"deployment_failed\"" + TAIL);
        assertThat(sink.jsonOf("group_change_failed")).containsExactly("{\"groupId\":\"/\",\"version\":\"" + V
                + "\",\"reason\":\"cancelled\",\"eventType\":\"group_change_failed\"" + TAIL);
    }

    @Test
    void appAndUnknownInstanceTerminated() {
        bus.appTerminated(PathId.of("/prod/web"));
        bus.unknownInstanceTerminated("prod_web.instance-9", PathId.of("/prod/web"), "Killed");
        assertThat(sink.jsonOf("app_terminated_event")).containsExactly("{\"appId\":\"/prod/web\",\"eventType\":"
                + "\"app_terminated_event\"" + TAIL);
        assertThat(sink.jsonOf("unknown_instance_terminated_event")).containsExactly("{\"instanceId\":"
                + "\"prod_web.instance-9\",\"runSpecId\":\"/prod/web\",\"condition\":\"Killed\",\"eventType\":"
                + "\"unknown_instance_terminated_event\"" + TAIL);
    }

    @Test
    void schedulerEvents() {
        bus.schedulerRegistered("fw-1", "10.0.0.1:5050");
        bus.schedulerReregistered("10.0.0.2:5050");
        bus.schedulerDisconnected();
        bus.frameworkMessage("agent-1", "exec-1", "aGk=");
        assertThat(sink.received().stream().map(RecordingSink.Received::json)).containsExactly(
                "{\"frameworkId\":\"fw-1\",\"master\":\"10.0.0.1:5050\",\"eventType\":\"scheduler_registered_event\""
                        + TAIL,
                "{\"master\":\"10.0.0.2:5050\",\"eventType\":\"scheduler_reregistered_event\"" + TAIL,
                "{\"eventType\":\"scheduler_disconnected_event\"" + TAIL,
                "{\"slaveId\":\"agent-1\",\"executorId\":\"exec-1\",\"message\":\"aGk=\",\"eventType\":"
                        + "\"framework_message_event\"" + TAIL);
    }

    @Test
    void subscriptionEventsArePublishedAndReturned() {
        assertThat(bus.subscribed("10.1.1.1", "http://cb:9090/events").callbackUrl()).isEqualTo(
                "http://cb:9090/events");
        bus.unsubscribed("10.1.1.1", "http://cb:9090/events");
        assertThat(sink.received().stream().map(RecordingSink.Received::json)).containsExactly(
                "{\"clientIp\":\"10.1.1.1\",\"callbackUrl\":\"http://cb:9090/events\",\"eventType\":"
                        + "\"subscribe_event\"" + TAIL,
                "{\"clientIp\":\"10.1.1.1\",\"callbackUrl\":\"http://cb:9090/events\",\"eventType\":"
                        + "\"unsubscribe_event\"" + TAIL);
    }

    @Test
    void timestampsFollowTheClock() {
        bus.appTerminated(PathId.of("/a"));
        clock.advance(java.time.Duration.ofMillis(1500));
        bus.appTerminated(PathId.of("/a"));
        assertThat(sink.jsonOf("app_terminated_event")).containsExactly(
                "{\"appId\":\"/a\",\"eventType\":\"app_terminated_event\",\"timestamp\":"
                        + "\"2024-05-01T10:00:00.000Z\"}",
                "{\"appId\":\"/a\",\"eventType\":\"app_terminated_event\",\"timestamp\":"
                        + "\"2024-05-01T10:00:01.500Z\"}");
    }

    @Test
    void aFailingSinkOrABrokenPayloadStopsNothing() {
        RecordingSink after = new RecordingSink();
        EventBus withBadSink = new EventBus(clock, List.of((type, json) -> {
            throw new IllegalStateException("broken sink");
        }, after));
        assertThatCode(() -> {
            withBadSink.appTerminated(PathId.of("/a"));
            withBadSink.statusUpdate(running(), null);
            withBadSink.deploymentInfo(null, 0);
            withBadSink.publish(null);
        }).doesNotThrowAnyException();
        assertThat(after.types()).containsExactly(AppTerminatedEvent.TYPE);
    }
}
