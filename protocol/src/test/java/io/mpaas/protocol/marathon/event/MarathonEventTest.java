package io.mpaas.protocol.marathon.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Deployment;
import io.mpaas.protocol.marathon.MarathonJson;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarathonEventTest {

    private static final String TS = "2024-05-01T10:00:00.000Z";

    @Test
    void everyEventTypeLeadsToItsRecordAndBack() throws Exception {
        for (Class<?> type : MarathonEvent.class.getPermittedSubclasses()) {
            String eventType = (String) type.getField("TYPE").get(null);
            assertThat(MarathonEvent.recordOf(eventType)).as(eventType)
                    .contains(type.asSubclass(MarathonEvent.class));
        }
        long distinct = Arrays.stream(MarathonEvent.class.getPermittedSubclasses()).map(type -> {
            try {
                return type.getField("TYPE").get(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }).distinct().count();
        assertThat(distinct).isEqualTo(MarathonEvent.class.getPermittedSubclasses().length);
        assertThat(MarathonEvent.recordOf("no_such_event")).isEmpty();
    }

    @Test
    void writesEventTypeAndTimestampLast() {
        assertThat(MarathonJson.write(new StatusUpdateEvent("agent-1", "web.instance-1._app.1", "TASK_RUNNING", "",
                "/web", "host-1", List.of(new StatusUpdateEvent.IpAddress("10.0.0.5", "IPv4")), List.of(31000),
                "2024-04-30T09:00:00.000Z", TS)))
                .isEqualTo("{\"slaveId\":\"agent-1\",\"taskId\":\"web.instance-1._app.1\",\"taskStatus\":"
                        + "\"TASK_RUNNING\",\"message\":\"\",\"appId\":\"/web\",\"host\":\"host-1\",\"ipAddresses\":"
                        + "[{\"ipAddress\":\"10.0.0.5\",\"protocol\":\"IPv4\"}],\"ports\":[31000],\"version\":"
                        + "\"2024-04-30T09:00:00.000Z\",\"eventType\":\"status_update_event\",\"timestamp\":\"" + TS
                        + "\"}");
        assertThat(MarathonJson.write(new SchedulerDisconnectedEvent(TS)))
                .isEqualTo("{\"eventType\":\"scheduler_disconnected_event\",\"timestamp\":\"" + TS + "\"}");
    }

    @Test
    void writesUnknownHealthAsNull() {
        assertThat(MarathonJson.write(new InstanceHealthChangedEvent("web.instance-1", "/web", TS, null, TS)))
                .isEqualTo("{\"instanceId\":\"web.instance-1\",\"runSpecId\":\"/web\",\"runSpecVersion\":\"" + TS
                        + "\",\"healthy\":null,\"eventType\":\"instance_health_changed_event\",\"timestamp\":\"" + TS
                        + "\"}");
    }

    @Test
    void readsAnEventBackByItsSseName() {
        DeploymentInfo info = new DeploymentInfo(new LightPlan("d-1", List.of(new Deployment.Step(List.of(
                new Deployment.Action("StartApplication", "/web")))), TS),
                new Deployment.Step(List.of(new Deployment.Action("StartApplication", "/web"))), TS);
        assertThat(MarathonEvent.read("deployment_info", MarathonJson.write(info))).isEqualTo(info);

        ApiPostEvent post = new ApiPostEvent("10.0.0.1", "/v2/apps/web", App.withId("/web"), TS);
        assertThat(MarathonEvent.read(ApiPostEvent.TYPE, MarathonJson.write(post))).isEqualTo(post);

        InstanceHealthChangedEvent unknown = new InstanceHealthChangedEvent("web.instance-1", "/web", TS, null, TS);
        assertThat(MarathonEvent.read(MarathonJson.write(unknown))).isEqualTo(unknown);
    }

    @Test
    void refusesAPayloadOfAnotherTypeOrAnUnknownType() {
        String terminated = MarathonJson.write(new AppTerminatedEvent("/web", TS));
        assertThatThrownBy(() -> MarathonEvent.read("remove_health_check_event", terminated))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarathonEvent.read("no_such_event", terminated))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown Marathon event type 'no_such_event'");
        assertThatThrownBy(() -> MarathonEvent.read("{\"appId\":\"/web\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The event has no eventType");
    }

    @Test
    void fillsInItsOwnTypeWhenAPayloadOmitsIt() {
        assertThat(MarathonEvent.read("app_terminated_event", "{\"appId\":\"/web\",\"timestamp\":\"" + TS + "\"}"))
                .isEqualTo(new AppTerminatedEvent("/web", TS));
    }

    @Test
    void failedHealthCheckCarriesTheInstanceUnderBothNames() {
        assertThat(MarathonJson.write(new FailedHealthCheckEvent("/web", "web.instance-1", null, TS)))
                .isEqualTo("{\"appId\":\"/web\",\"instanceId\":\"web.instance-1\",\"taskId\":\"web.instance-1\","
                        + "\"eventType\":\"failed_health_check_event\",\"timestamp\":\"" + TS + "\"}");
    }
}
