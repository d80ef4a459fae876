package io.mpaas.marathon.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.JsonText;
import io.mpaas.marathon.launch.QueueView.QueueEntry;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.QueueItem.RejectSummary;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v2/queue}: waiting apps with their backoff and offer statistics, and resetting a backoff. */
class QueueControllerTest {

    private static final io.mpaas.protocol.mesos.Offer OFFER = new io.mpaas.protocol.mesos.Offer(
            new io.mpaas.protocol.mesos.OfferId("offer-1"), null, new io.mpaas.protocol.mesos.AgentId("agent-1"),
            "host-1", null, null, List.of(io.mpaas.protocol.mesos.Resource.scalar("cpus", 0.5),
                    io.mpaas.protocol.mesos.Resource.ranges("ports", new io.mpaas.protocol.mesos.Ranges(
                            List.of(new io.mpaas.protocol.mesos.Range(31000, 31009))))),
            List.of(io.mpaas.protocol.mesos.Attribute.text("rack", "r1")), null, null, null);

    private final ApiHarness api = new ApiHarness();

    private void waiting() {
        App web = api.givenApp("{\"id\": \"/prod/web\", \"cmd\": \"sleep 1\", \"instances\": 3}");
        App db = api.givenApp("{\"id\": \"/db\", \"cmd\": \"sleep 1\"}");
        api.queue.add(new QueueEntry(web, 2, api.clock.instant().plusMillis(12_300), api.clock.instant(),
                Map.of("InsufficientCpus", 3, "UnfulfilledConstraint", 1), 10, 4, api.clock.instant(),
                null, "*", List.of(new UnusedOffer(OFFER, api.clock.instant(), List.of("InsufficientCpus")))));
        // No backoff holds /db: the launch queue reports no delay at all, and the app waits for offers.
        api.queue.add(new QueueEntry(db, 1, null, api.clock.instant().minusSeconds(60),
                Map.of(), 0, 0, null, null, "*", List.of()));
        api.clock.advance(Duration.ofMillis(300));
    }

    @Test
    void eachItemShowsItsDelayAndWhyOffersWereDeclined() throws Exception {
        waiting();
        String rejects = MarathonJson.write(List.of(
                new RejectSummary("UnfulfilledRole", 0, 10), new RejectSummary("UnfulfilledConstraint", 1, 10),
                new RejectSummary("NoCorrespondingReservationFound", 0, 9), new RejectSummary("AgentMaintenance", 0, 9),
                new RejectSummary("InsufficientCpus", 3, 9), new RejectSummary("InsufficientMemory", 0, 6),
                new RejectSummary("InsufficientDisk", 0, 6), new RejectSummary("InsufficientGpus", 0, 6),
                new RejectSummary("InsufficientPorts", 0, 6), new RejectSummary("DeclinedScarceResources", 0, 6)));
        ObjectNode web = JsonText.object();
        web.set("app", JsonText.app(api.app("/prod/web")));
        web.put("count", 2);
        web.set("delay", JsonText.tree("{\"timeLeftSeconds\":12,\"overdue\":false}"));
        web.put("since", "2024-05-01T10:00:00.000Z");
        web.set("processedOffersSummary", JsonText.tree("{\"processedOffersCount\":10,\"unusedOffersCount\":4,"
                + "\"lastUnusedOfferAt\":\"2024-05-01T10:00:00.000Z\",\"rejectSummaryLastOffers\":" + rejects
                + ",\"rejectSummaryLaunchAttempt\":" + rejects + "}"));
        web.put("role", "*");
        String body = api.mvc.perform(get("/v2/queue")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(JsonText.tree(body).get("queue").get(1)).isEqualTo(web);
        assertThat(JsonText.tree(body).get("queue").get(0).get("delay"))
                .isEqualTo(JsonText.tree("{\"timeLeftSeconds\":0,\"overdue\":true}"));
        assertThat(JsonText.tree(body).get("queue").get(0).has("lastUnusedOffers")).isFalse();
    }

    @Test
    void theLastUnusedOffersAreShownWhenEmbeddedWithWhyTheyDidNotFit() throws Exception {
        waiting();
        String body = api.mvc.perform(get("/v2/queue").param("embed", "lastUnusedOffers")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonText.tree(body).get("queue").get(1).get("lastUnusedOffers")).isEqualTo(JsonText.tree("""
                [{"offer": {"id": "offer-1", "agentId": "agent-1", "hostname": "host-1",
                   "resources": [{"name": "cpus", "role": "*", "scalar": 0.5},
                                 {"name": "ports", "role": "*", "ranges": [{"begin": 31000, "end": 31009}]}],
                   "attributes": [{"name": "rack", "text": "r1"}]},
                  "timestamp": "2024-05-01T10:00:00.000Z", "reason": ["InsufficientCpus"]}]"""));
        assertThat(JsonText.tree(body).get("queue").get(0).get("lastUnusedOffers")).isEmpty();
    }

    @Test
    void aBackoffThatHasRunOutIsOverdue() throws Exception {
        waiting();
        api.clock.advance(Duration.ofMillis(12_000));
        String body = api.mvc.perform(get("/v2/queue")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(JsonText.tree(body).get("queue").get(1).get("delay"))
                .isEqualTo(JsonText.tree("{\"timeLeftSeconds\":0,\"overdue\":true}"));
    }

    @Test
    void theLastSecondOfABackoffIsStillDelayed() throws Exception {
        waiting();
        api.clock.advance(Duration.ofMillis(11_999));
        String body = api.mvc.perform(get("/v2/queue")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(JsonText.tree(body).get("queue").get(1).get("delay"))
                .isEqualTo(JsonText.tree("{\"timeLeftSeconds\":1,\"overdue\":false}"));
    }

    @Test
    void lastUnusedOffersOnlyWhenEmbedded() throws Exception {
        waiting();
        String body = api.mvc.perform(get("/v2/queue?embed=lastUnusedOffers")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonText.tree(body).get("queue").get(0).get("lastUnusedOffers")).isEmpty();
    }

    @Test
    void anEmptyQueue() throws Exception {
        api.mvc.perform(get("/v2/queue")).andExpect(status().isOk()).andExpect(content().string("{\"queue\":[]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/queue/prod/web/delay", "/v2/queue//prod/web/delay", "/v2/queue/%2Fprod%2Fweb/delay"})
    void resettingTheDelayIs204(String path) throws Exception {
        waiting();
        api.mvc.perform(delete(URI.create(path))).andExpect(status().isNoContent()).andExpect(content().string(""));
        assertThat(api.queue.resets).containsExactly(PathId.of("/prod/web"));
    }

    @Test
    void resettingAnAppThatWaitsForNothingIs404() throws Exception {
        api.mvc.perform(delete("/v2/queue/nope/delay")).andExpect(status().isNotFound())
                .andExpect(content().string("{\"message\":\"application /nope not found in task queue\"}"));
    }
}
