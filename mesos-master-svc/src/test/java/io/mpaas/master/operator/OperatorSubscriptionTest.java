package io.mpaas.master.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.master.cluster.MasterTask;
import io.mpaas.master.task.TaskStateMachine;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.recordio.RecordIoReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** Operator SUBSCRIBE: RecordIO framing, SUBSCRIBED first, then the cluster's changes, heartbeats, limits, term end. */
class OperatorSubscriptionTest {

    private final SampleCluster sample = new SampleCluster();
    private final OperatorHarness harness = new OperatorHarness(sample.fx, "", Duration.ofMillis(200), 2);
    private final List<Subscriber> subscribers = new ArrayList<>();

    /** A client on its own thread, as Tomcat would run it; its records are parsed as they arrive. */
    private final class Subscriber {
        final MockHttpServletResponse response = new MockHttpServletResponse();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        Subscriber() {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1");
            request.setContentType("application/json");
            request.setContent("{\"type\":\"SUBSCRIBE\"}".getBytes(StandardCharsets.UTF_8));
            OperatorApiController controller = harness.apiController();
            thread = Thread.ofVirtual().start(() -> {
                try {
                    controller.api(request, response);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            subscribers.add(this);
        }

        /** The complete records so far, as JSON. */
        List<JsonNode> records() {
            byte[] bytes = response.getContentAsByteArray();
            List<JsonNode> records = new ArrayList<>();
            try (RecordIoReader reader = new RecordIoReader(new ByteArrayInputStream(bytes))) {
                for (byte[] r = reader.next(); r != null; r = reader.next()) {
                    assertThat(new String(r, StandardCharsets.UTF_8)).doesNotContain("\n");
                    records.add(MesosJson.read(r, JsonNode.class));
                }
            } catch (IOException e) {
                // The last record is still being written; the complete ones are enough.
            }
            return records;
        }

        List<String> types() {
            return records().stream().map(r -> r.get("type").asString()).filter(t -> !t.equals("HEARTBEAT")).toList();
        }

        JsonNode last(String type) {
            return records().stream().filter(r -> r.get("type").asString().equals(type)).reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    @AfterEach
    void endStreams() {
        sample.fx.cluster.locked(() -> sample.fx.cluster.endTerm());
        harness.subscribers.closeStale();
        harness.subscribers.close();
        for (Subscriber s : subscribers) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.thread.isAlive());
        }
    }

    @Test
    void subscribedComesFirstWithTheWholeState() {
        Subscriber s = new Subscriber();
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.records().isEmpty());
        JsonNode first = s.records().getFirst();
        assertThat(first.get("type").asString()).isEqualTo("SUBSCRIBED");
        assertThat(first.at("/subscribed/heartbeat_interval_seconds").asDouble()).isEqualTo(0.2);
        assertThat(first.at("/subscribed/get_state/get_tasks/tasks/0/task_id/value").asString()).isEqualTo("t1");
        assertThat(first.at("/subscribed/get_state/get_agents/agents")).hasSize(2);
        assertThat(first.at("/subscribed/get_state/get_frameworks/frameworks/0/framework_info/name").asString())
                .isEqualTo("marathon");
        assertThat(s.response.getStatus()).isEqualTo(200);
        assertThat(s.response.getHeader("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void changesFollowInOrder() {
        Subscriber s = new Subscriber();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.types().contains("SUBSCRIBED"));
        MasterTask t4 = new MasterTask(ClusterFixture.task("t4", sample.f1, sample.a1, TaskState.TASK_STAGING,
                "cpus:0.1", List.of()), "web");
        sample.fx.cluster.locked(() -> harness.tasks.launched(sample.f1, sample.a1, t4));
        TaskStatus finished = ClusterFixture.status("t4", TaskState.TASK_FINISHED, 1714557700);
        sample.fx.cluster.locked(() -> harness.tasks.apply(sample.f1, sample.f1.tasks().get(TaskId.of("t4")),
                new TaskStateMachine.StatusReported(TaskState.TASK_FINISHED), finished));
        sample.fx.cluster.locked(() -> harness.events.agentAdded(sample.a2));
        sample.fx.cluster.locked(() -> harness.events.frameworkUpdated(sample.f1));
        harness.goneMarker.markGone(AgentId.of("m1-S0"));
        harness.teardown.teardown(FrameworkId.of("m1-0000"), "ops");

        await().atMost(Duration.ofSeconds(5)).until(() -> s.types().contains("FRAMEWORK_REMOVED"));
        assertThat(s.types()).containsExactly("SUBSCRIBED", "TASK_ADDED", "TASK_UPDATED", "AGENT_ADDED",
                "FRAMEWORK_UPDATED", "TASK_UPDATED", "AGENT_REMOVED", "FRAMEWORK_REMOVED");
        List<JsonNode> records = s.records().stream().filter(r -> !r.get("type").asString().equals("HEARTBEAT"))
                .toList();
        assertThat(records.get(1).at("/task_added/task/task_id/value").asString()).isEqualTo("t4");
        assertThat(records.get(2).at("/task_updated/state").asString()).isEqualTo("TASK_FINISHED");
        assertThat(records.get(2).at("/task_updated/framework_id/value").asString()).isEqualTo("m1-0000");
        assertThat(records.get(2).at("/task_updated/status/timestamp").asDouble()).isEqualTo(1714557700.0);
        assertThat(records.get(3).at("/agent_added/agent/agent_info/hostname").asString()).isEqualTo("host2");
        assertThat(records.get(4).at("/framework_updated/framework/offers/0/url/address/ip").asString())
                .isEqualTo("10.0.1.1");
        assertThat(records.get(5).at("/task_updated/state").asString()).isEqualTo("TASK_GONE_BY_OPERATOR");
        assertThat(records.get(6).at("/agent_removed/agent_id/value").asString()).isEqualTo("m1-S0");
        // The framework's only task left is unreachable: torn down, it is archived without an update.
        assertThat(records.get(7).at("/framework_removed/framework_info/id/value").asString()).isEqualTo("m1-0000");
    }

    @Test
    void heartbeatsKeepAQuietStreamAlive() {
        Subscriber s = new Subscriber();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> s.records().stream().filter(r -> r.get("type").asString().equals("HEARTBEAT")).count() >= 2);
        assertThat(s.records().getFirst().get("type").asString()).isEqualTo("SUBSCRIBED");
    }

    @Test
    void theOldestSubscriberGivesWayBeyondTheLimit() {
        Subscriber first = new Subscriber();
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.records().isEmpty());
        Subscriber second = new Subscriber();
        await().atMost(Duration.ofSeconds(5)).until(() -> !second.records().isEmpty());
        Subscriber third = new Subscriber();
        await().atMost(Duration.ofSeconds(5)).until(() -> !third.records().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.thread.isAlive());
        assertThat(first.failure.get()).isNull();
        assertThat(second.thread.isAlive()).isTrue();
        assertThat(harness.subscribers.count()).isEqualTo(2);
    }

    @Test
    void streamsEndWithTheTerm() {
        Subscriber s = new Subscriber();
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.records().isEmpty());
        sample.fx.cluster.locked(() -> sample.fx.cluster.endTerm());
        // The term watch runs every heartbeat interval; no need to call it here.
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.thread.isAlive());
        assertThat(harness.subscribers.count()).isZero();
    }
}
