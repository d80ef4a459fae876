package io.mpaas.protocol.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire rules of Mesos's protobuf-to-JSON conversion, as real clients and masters expect them. */
class MesosJsonTest {

    /**
     * Explicit JSON nulls read as absent, also in the fields kept as trees: a client that writes every
     * field of a resource (the npm mesos-framework library) asks for plain, non-revocable resources.
     */
    @Test
    void explicitNullsInTreeFieldsAreAbsent() {
        Resource written = MesosJson.read(("{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1},"
                + "\"ranges\":null,\"set\":null,\"role\":null,\"reservation\":null,\"disk\":null,"
                + "\"revocable\":null,\"shared\":null,\"provider_id\":null}").getBytes(), Resource.class);

        assertThat(written).isEqualTo(Resource.scalar("cpus", 0.1));
        assertThat(written.isRevocable()).isFalse();
        assertThat(Resources.parse("cpus:2;mem:1024").contains(Resources.of(written))).isTrue();
        assertThat(MesosJson.mapper().readTree("{\"a\":null}").get("a").isNull())
                .as("documents read as trees keep their nulls").isTrue();
    }

    @Test
    void writesProtoFieldNamesInSnakeCaseAndIdsAsValueObjects() {
        Call call = Call.acknowledge(FrameworkId.of("f-0000"), AgentId.of("m-S3"), TaskId.of("web-1"),
                "q83vEjRWeJCrze8SNFZ4kA==");

        assertThat(MesosJson.writeString(call)).isEqualTo(
                "{\"framework_id\":{\"value\":\"f-0000\"},\"type\":\"ACKNOWLEDGE\","
                        + "\"acknowledge\":{\"agent_id\":{\"value\":\"m-S3\"},\"task_id\":{\"value\":\"web-1\"},"
                        + "\"uuid\":\"q83vEjRWeJCrze8SNFZ4kA==\"}}");
    }

    @Test
    void leavesAbsentOptionalsOutAndWritesOneLine() {
        FrameworkInfo info = FrameworkInfo.of("root", "marathon", List.of("web"), 604800);

        String json = MesosJson.writeString(Call.subscribe(info));

        assertThat(json)
                .doesNotContain("\n", "null", "framework_id", "frameworkInfo", "failoverTimeout")
                .startsWith("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"root\"")
                .contains("\"failover_timeout\":604800.0", "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]");
    }

    @Test
    void readsExplicitNullAsAbsent() {
        String json = "{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t\"},"
                + "\"state\":\"TASK_RUNNING\",\"uuid\":null,\"agent_id\":null,\"healthy\":null}},\"offers\":null}";

        Event event = MesosJson.read(json, Event.class);

        assertThat(event.offers()).isNull();
        assertThat(event.update().status().uuid()).isNull();
        assertThat(event.update().status().agentId()).isNull();
        assertThat(event.update().status().state()).isEqualTo(TaskState.TASK_RUNNING);
    }

    @Test
    void readsExplicitNullListAsEmpty() {
        Offer offer = MesosJson.read("{\"id\":{\"value\":\"o\"},\"resources\":null,\"attributes\":null}",
                Offer.class);

        assertThat(offer.resources()).isEmpty();
        assertThat(offer.attributes()).isEmpty();
    }

    @Test
    void readsAnUnknownEnumNameInAnOptionalFieldAsAbsent() {
        String json = "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_RUNNING\","
                + "\"reason\":\"REASON_FROM_A_NEWER_MESOS\",\"source\":\"SOURCE_SOMEWHERE\"}";

        TaskStatus status = MesosJson.read(json, TaskStatus.class);

        assertThat(status.reason()).isNull();
        assertThat(status.source()).isNull();
        assertThat(status.state()).isEqualTo(TaskState.TASK_RUNNING);
    }

    @Test
    void dropsUnknownCapabilities() {
        String json = "{\"user\":\"u\",\"name\":\"n\",\"capabilities\":[{\"type\":\"TELEPORTATION\"},"
                + "{\"type\":\"PARTITION_AWARE\"}]}";

        FrameworkInfo info = MesosJson.read(json, FrameworkInfo.class);

        assertThat(info.capabilities()).extracting(FrameworkInfo.Capability::type)
                .containsExactly(FrameworkInfo.Capability.Type.PARTITION_AWARE);
    }

    @Test
    void ignoresUnknownFields() {
        Event event = MesosJson.read("{\"type\":\"HEARTBEAT\",\"added_in_mesos_2\":{\"x\":[1,2]}}", Event.class);

        assertThat(event).isEqualTo(Event.HEARTBEAT);
    }

    @Test
    void readsAnUnknownEventTypeAsNullType() {
        Event event = MesosJson.read("{\"type\":\"SOMETHING_NEW\"}", Event.class);

        assertThat(event.type()).isNull();
    }

    @Test
    void readsInt64FromNumericStringsAndWritesNumbers() {
        String json = "{\"id\":\"m\",\"ip\":\"16777343\",\"port\":5050,\"hostname\":\"master1\"}";

        MasterInfo master = MesosJson.read(json, MasterInfo.class);

        assertThat(master.ip()).isEqualTo(16777343L);
        assertThat(MesosJson.writeString(master)).contains("\"ip\":16777343,").doesNotContain("\"16777343\"");
    }

    @Test
    void readsTheSubscribedEventOfTheReference() {
        String json = "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"5b2f-0000\"},"
                + "\"heartbeat_interval_seconds\":15.0,\"master_info\":{\"id\":\"5b2f\",\"ip\":16777343,"
                + "\"port\":5050,\"hostname\":\"master1\",\"version\":\"1.11.0\"}}}";

        Event event = MesosJson.read(json, Event.class);

        assertThat(event.type()).isEqualTo(Event.Type.SUBSCRIBED);
        assertThat(event.subscribed().frameworkId()).isEqualTo(FrameworkId.of("5b2f-0000"));
        assertThat(event.subscribed().heartbeatIntervalSeconds()).isEqualTo(15.0);
        assertThat(event.subscribed().masterInfo().hostPort()).isEqualTo("master1:5050");
    }

    @Test
    void roundTripsEventsThroughTheirFactories() {
        List<Event> events = List.of(Event.HEARTBEAT, Event.error("Framework has been removed"),
                Event.rescind(OfferId.of("o-1")), Event.failure(AgentId.of("a"), null, 137),
                Event.message(AgentId.of("a"), ExecutorId.of("e"), "aGk="));

        for (Event event : events) {
            assertThat(MesosJson.read(MesosJson.write(event), Event.class)).isEqualTo(event);
        }
    }

    @Test
    void reportsMalformedJsonAsIllegalArgument() {
        assertThatThrownBy(() -> MesosJson.read("{\"type\":", Event.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MesosJson.read("{\"framework_id\":\"bare-string\"}", Call.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
