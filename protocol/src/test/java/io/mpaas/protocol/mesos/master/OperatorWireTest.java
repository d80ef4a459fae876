package io.mpaas.protocol.mesos.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Scalar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorWireTest {

    @Test
    void callsReadMesosJson() {
        OperatorCall call = MesosJson.read("""
                {"type":"UPDATE_QUOTA","update_quota":{"force":true,"quota_configs":[
                 {"role":"web","guarantees":{"cpus":{"value":1.5}},"limits":{"cpus":{"value":2}}}]}}""",
                OperatorCall.class);
        assertThat(call.type()).isEqualTo(OperatorCall.Type.UPDATE_QUOTA);
        assertThat(call.updateQuota().isForced()).isTrue();
        assertThat(call.updateQuota().quotaConfigs()).containsExactly(
                new QuotaConfig("web", Map.of("cpus", new Scalar(1.5)), Map.of("cpus", new Scalar(2))));
    }

    @Test
    void unknownCallTypeReadsAsAbsent() {
        assertThat(MesosJson.read("{\"type\":\"NOPE\"}", OperatorCall.class).type()).isNull();
    }

    @Test
    void callsWriteOnlyTheirBody() {
        assertThat(MesosJson.writeString(OperatorCall.teardown(FrameworkId.of("f1"))))
                .isEqualTo("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"f1\"}}}");
        assertThat(MesosJson.writeString(OperatorCall.markAgentGone(AgentId.of("a1"))))
                .isEqualTo("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"a1\"}}}");
        assertThat(MesosJson.writeString(OperatorCall.updateWeights(List.of(WeightInfo.of("web", 2.5)))))
                .isEqualTo("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                        + "[{\"weight\":2.5,\"role\":\"web\"}]}}");
    }

    @Test
    void responsesEchoTheirType() {
        assertThat(MesosJson.writeString(OperatorResponse.of(new OperatorResponse.GetHealth(true))))
                .isEqualTo("{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}");
        OperatorResponse state = OperatorResponse.of(new OperatorResponse.GetState(
                new OperatorResponse.GetTasks(null, null, null), new OperatorResponse.GetExecutors(null),
                new OperatorResponse.GetFrameworks(null, null), new OperatorResponse.GetAgents(null, null)));
        assertThat(MesosJson.writeString(state)).isEqualTo("{\"type\":\"GET_STATE\",\"get_state\":{"
                + "\"get_tasks\":{\"tasks\":[],\"unreachable_tasks\":[],\"completed_tasks\":[]},"
                + "\"get_executors\":{\"executors\":[]},"
                + "\"get_frameworks\":{\"frameworks\":[],\"completed_frameworks\":[]},"
                + "\"get_agents\":{\"agents\":[],\"recovered_agents\":[]}}}");
        assertThat(MesosJson.read(MesosJson.write(state), OperatorResponse.class)).isEqualTo(state);
    }

    @Test
    void eventsCarryTheirBody() {
        assertThat(MesosJson.writeString(OperatorEvent.HEARTBEAT)).isEqualTo("{\"type\":\"HEARTBEAT\"}");
        assertThat(MesosJson.writeString(OperatorEvent.agentRemoved(AgentId.of("a1"))))
                .isEqualTo("{\"type\":\"AGENT_REMOVED\",\"agent_removed\":{\"agent_id\":{\"value\":\"a1\"}}}");
    }
}
