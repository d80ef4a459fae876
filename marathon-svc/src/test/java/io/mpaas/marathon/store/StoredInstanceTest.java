package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.DomainInfo;
import io.mpaas.protocol.mesos.Offer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored body of an instance: what the JDBC store writes and reads, old rows included. */
class StoredInstanceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** A body as marathon wrote it before agent facts were kept: agent id and host only. */
    private static final String BEFORE_AGENT_FACTS = "{\"instanceId\":\"prod_web.instance-1\",\"appId\":\"/prod/web\","
            + "\"runSpecVersion\":\"2026-03-01T10:00:00.000Z\",\"goal\":\"RUNNING\",\"condition\":\"RUNNING\","
            + "\"since\":\"2026-03-01T10:00:09.000Z\",\"incarnation\":1,\"taskId\":\"prod_web.instance-1._app.1\","
            + "\"agentId\":\"agent-S1\",\"host\":\"host-a\",\"hostPorts\":[31001],\"servicePorts\":[10000],"
            + "\"ipAddresses\":[\"10.0.0.7\"],\"stagedAt\":\"2026-03-01T10:00:05.000Z\","
            + "\"startedAt\":\"2026-03-01T10:00:08.000Z\",\"healthResults\":[],\"role\":\"*\"}";

    @Test
    void aRowWrittenBeforeAgentFactsWereKeptLoadsWithItsFactsUnknown() {
        Instance instance = MarathonJson.read(BEFORE_AGENT_FACTS, StoredInstance.class).toInstance();

        assertThat(instance.condition()).isEqualTo(Condition.RUNNING);
        assertThat(instance.agentId()).isEqualTo("agent-S1");
        assertThat(instance.host()).isEqualTo("host-a");
        assertThat(instance.agentInfo()).isEqualTo(AgentInfo.withoutFacts("agent-S1", "host-a"));
        assertThat(instance.agentInfo().factsKnown()).isFalse();
    }

    @Test
    void aRowWrittenBeforeConfigVersionsWereKeptTakesTheOneItIsGiven() {
        StoredInstance old = MarathonJson.read(BEFORE_AGENT_FACTS, StoredInstance.class);

        assertThat(old.configVersionKnown()).isFalse();
        assertThat(old.toInstance().configVersion()).as("its own version, when nothing better is known")
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(old.toInstance(Instant.parse("2026-02-01T00:00:00Z")).configVersion())
                .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void theConfigVersionSurvivesTheJsonBody() {
        Instance scaled = Instance.scheduled(PathId.of("/prod/web"), T0, T0.minusSeconds(60), T0.plusSeconds(1));

        String body = MarathonJson.write(StoredInstance.of(scaled));
        StoredInstance read = MarathonJson.read(body, StoredInstance.class);

        assertThat(body).contains("\"configVersion\":\"2026-03-01T09:59:00.000Z\"");
        assertThat(read.configVersionKnown()).isTrue();
        assertThat(read.toInstance(T0)).isEqualTo(scaled);
    }

    @Test
    void agentFactsSurviveTheJsonBody() {
        Instance scheduled = Instance.scheduled(PathId.of("/prod/web"), T0, T0.plusSeconds(1));
        AgentInfo agent = new AgentInfo("agent-S1", "host-a", "eu", "eu-1a",
                Attribute.parseAll("rack:r1;level:2.5;slots:[1-4,8-9];disks:{ssd,nvme}"));
        Instance launched = scheduled.provisioned("t", 1, agent, List.of(), List.of(), "*", scheduled.since());

        String body = MarathonJson.write(StoredInstance.of(launched));
        Instance read = MarathonJson.read(body, StoredInstance.class).toInstance();

        assertThat(read.agentInfo()).isEqualTo(agent);
        assertThat(body).contains("\"agentRegion\":\"eu\"", "\"agentZone\":\"eu-1a\"");
    }

    @Test
    void anAgentWithoutAttributesIsToldApartFromUnknownFacts() {
        Instance scheduled = Instance.scheduled(PathId.of("/web"), T0, T0.plusSeconds(1));
        Offer noAttributes = new Offer(null, null, AgentId.of("a1"), "h1", null, DomainInfo.of("eu", null), List.of(),
                List.of(), null, null, null);
        Instance bare = scheduled.provisioned("t", 1, AgentInfo.of(noAttributes), List.of(), List.of(), "*",
                scheduled.since());

        Instance read = MarathonJson.read(MarathonJson.write(StoredInstance.of(bare)), StoredInstance.class)
                .toInstance();

        assertThat(read.agentInfo().factsKnown()).isTrue();
        assertThat(read.agentInfo().attributes()).isEmpty();
        assertThat(read.agentInfo().region()).isEqualTo("eu");
        assertThat(read.agentInfo().zone()).isNull();
    }
}
