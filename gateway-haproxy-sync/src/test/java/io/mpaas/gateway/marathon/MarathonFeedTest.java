package io.mpaas.gateway.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mpaas.gateway.marathon.RecordingListener.Changed;
import io.mpaas.gateway.marathon.RecordingListener.Disconnected;
import io.mpaas.gateway.marathon.RecordingListener.Snapshot;
import io.mpaas.protocol.marathon.Deployment;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.event.AppTerminatedEvent;
import io.mpaas.protocol.marathon.event.DeploymentInfo;
import io.mpaas.protocol.marathon.event.GroupChangeSuccess;
import io.mpaas.protocol.marathon.event.LightPlan;
import io.mpaas.protocol.marathon.event.MarathonEvent;
import io.mpaas.protocol.marathon.event.StatusUpdateEvent;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The feed against fake marathons on real local ports; every wait is a poll with a deadline. */
class MarathonFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TS = "2024-05-01T10:00:00.000Z";

    private final RecordingListener listener = new RecordingListener();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private MarathonFeed feed;

    @AfterEach
    void tearDown() throws Exception {
        if (feed != null) {
            feed.stop();
        }
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        assertThat(listener.overlapped()).as("listener calls overlapped").isFalse();
    }

    private FakeMarathon marathon() throws Exception {
        FakeMarathon fake = new FakeMarathon();
        toClose.add(fake);
        return fake;
    }

    private static String app(String id) {
        return "{\"id\":\"" + id + "\",\"instances\":1,\"labels\":{\"HAPROXY_GROUP\":\"external\"},"
                + "\"tasks\":[{\"id\":\"" + id.substring(1) + ".1\",\"appId\":\"" + id + "\",\"host\":\"10.0.0.1\","
                + "\"state\":\"TASK_RUNNING\",\"ports\":[31001]}],\"deployments\":[],\"readinessCheckResults\":[]}";
    }

    private static MarathonSettings settings(List<URI> urls) {
        return new MarathonSettings(urls, null, null, Duration.ofMinutes(10),
                new MarathonSettings.Reconnect(Duration.ofMillis(50), 2.0, Duration.ofMillis(200), null),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO);
    }

    private void start(MarathonSettings settings) {
        feed = new MarathonFeed(settings, listener, Clock.systemUTC());
        feed.start();
    }

    private static void push(FakeMarathon fake, MarathonEvent event) {
        fake.push(event.eventType(), MarathonJson.write(event));
    }

    private static StatusUpdateEvent running(String appId) {
        return new StatusUpdateEvent("agent-1", appId.substring(1) + ".1", "TASK_RUNNING", "", appId, "10.0.0.1",
                List.of(), List.of(31001), TS, TS);
    }

    @Test
    void readsEverythingOnceTheStreamIsOpen() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).app("/b/c", app("/b/c"));
        start(settings(List.of(fake.url())));

        await().atMost(WAIT).until(() -> !listener.snapshots().isEmpty());
        assertThat(listener.snapshots().getFirst()).isEqualTo(new Snapshot(List.of("/a", "/b/c")));

        List<FakeMarathon.Request> requests = fake.requests();
        int stream = indexOf(requests, "/v2/events");
        int read = indexOf(requests, "/v2/apps");
        assertThat(stream).as("the stream is asked for before everything is read").isLessThan(read);
        FakeMarathon.Request events = requests.get(stream);
        assertThat(events.accept()).isEqualTo("text/event-stream");
        assertThat(events.query()).contains("event_type=status_update_event", "event_type=group_change_success",
                "event_type=instance_changed_event", "event_type=deployment_info", "event_type=api_post_event");
        assertThat(requests.get(read).query())
                .isEqualTo("embed=apps.tasks&embed=apps.readiness&embed=apps.deployments");
        MarathonFeedStatus status = feed.status();
        assertThat(status.connected()).isTrue();
        assertThat(status.url()).isEqualTo(fake.url());
        assertThat(status.leader()).isEqualTo(fake.url());
        assertThat(status.connectedSince()).isNotNull();
        assertThat(status.lastSnapshotAt()).isNotNull();
        assertThat(status.reconnects()).isZero();
    }

    @Test
    void anEventReadsJustThatApp() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).app("/b", app("/b"));
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);

        push(fake, running("/a"));

        await().atMost(WAIT).until(() -> listener.changes("/a").size() == 1);
        assertThat(listener.changes("/a")).containsExactly(new Changed("/a", true));
        assertThat(fake.requests("/v2/apps/a")).singleElement()
                .satisfies(r -> assertThat(r.query())
                        .isEqualTo("embed=app.tasks&embed=app.readiness&embed=app.deployments"));
        assertThat(fake.requests("/v2/apps/b")).isEmpty();
        assertThat(fake.fullReads()).isEqualTo(1);
        assertThat(listener.snapshots()).hasSize(1);
        assertThat(feed.status().eventsReceived()).isEqualTo(1);
        assertThat(feed.status().lastEventAt()).isNotNull();
    }

    @Test
    void aBurstForOneAppWhileItIsReadCausesOneMoreRead() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).app("/b", app("/b"));
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
        CountDownLatch release = fake.holdAppReads();

        push(fake, running("/a"));
        await().atMost(WAIT).until(() -> fake.appReadsInFlight() == 1);
        for (int i = 1; i < 50; i++) {
            push(fake, running("/a"));
        }
        await().atMost(WAIT).until(() -> feed.status().eventsReceived() == 50);
        release.countDown();
        // an event for another app, sent last, is read after every read the burst caused
        push(fake, running("/b"));
        await().atMost(WAIT).until(() -> listener.changes("/b").size() == 1);

        assertThat(fake.requests("/v2/apps/a")).hasSizeBetween(2, 3);
        assertThat(listener.changes("/a")).hasSizeBetween(2, 3);
    }

    @Test
    void anAppMarathonNoLongerHasIsReportedEmpty() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).app("/gone", app("/gone"));
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);

        fake.removeApp("/gone");
        push(fake, new AppTerminatedEvent("/gone", TS));

        await().atMost(WAIT).until(() -> !listener.changes("/gone").isEmpty());
        assertThat(listener.changes("/gone")).containsExactly(new Changed("/gone", false));
    }

    @Test
    void aDeploymentReadsTheAppsOfItsPlan() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).app("/b", app("/b")).app("/c", app("/c"));
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);

        Deployment.Step step = new Deployment.Step(List.of(new Deployment.Action("ScaleApplication", "/b"),
                new Deployment.Action("RestartApplication", "/c")));
        push(fake, new DeploymentInfo(new LightPlan("d-1", List.of(step), TS), step, TS));

        await().atMost(WAIT).until(() -> listener.changes("/b").size() == 1 && listener.changes("/c").size() == 1);
        assertThat(listener.changes("/a")).isEmpty();
        assertThat(fake.fullReads()).isEqualTo(1);
    }

    @Test
    void aGroupChangeReadsEverythingAgain() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a"));
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);

        fake.app("/new", app("/new"));
        push(fake, new GroupChangeSuccess("/", TS, TS));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 2);
        assertThat(listener.snapshots().get(1)).isEqualTo(new Snapshot(List.of("/a", "/new")));
    }

    @Test
    void aClosedStreamIsReportedAndFollowedByANewStreamAndSnapshot() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a"));
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);

        fake.app("/b", app("/b"));
        fake.closeStreams();

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 2);
        List<RecordingListener.Call> calls = listener.calls();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1)).isInstanceOf(Disconnected.class);
        assertThat(calls.get(2)).isEqualTo(new Snapshot(List.of("/a", "/b")));
        assertThat(fake.streamsOpened()).isEqualTo(2);
        await().atMost(WAIT).until(() -> feed.status().connected());
        assertThat(feed.status().reconnects()).isEqualTo(1);
        assertThat(feed.status().lastError()).contains("ended");

        // the new stream is followed
        push(fake, running("/b"));
        await().atMost(WAIT).until(() -> listener.changes("/b").size() == 1);
    }

    @Test
    void aDeadFirstUrlIsSkipped() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a"));
        start(settings(List.of(deadUrl(), fake.url())));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
        assertThat(feed.status().url()).isEqualTo(fake.url());
        assertThat(feed.status().lastError()).contains("ConnectException");
    }

    @Test
    void theLeaderNamedByAStandbyIsFollowedDirectly() throws Exception {
        FakeMarathon leader = marathon().app("/a", app("/a"));
        FakeMarathon standby = marathon().leader(leader.hostPort());
        start(settings(List.of(standby.url())));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
        assertThat(standby.requests()).extracting(FakeMarathon.Request::path).containsOnly("/v2/leader");
        assertThat(leader.requests("/v2/events")).hasSize(1);
        assertThat(feed.status().url()).isEqualTo(standby.url());
        assertThat(feed.status().leader()).isEqualTo(leader.url());

        push(leader, running("/a"));
        await().atMost(WAIT).until(() -> listener.changes("/a").size() == 1);
    }

    @Test
    void anEventStreamRedirectIsFollowed() throws Exception {
        FakeMarathon leader = marathon().app("/a", app("/a"));
        FakeMarathon standby = marathon().redirectEventsTo(leader.url());
        start(settings(List.of(standby.url())));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
        assertThat(leader.requests("/v2/events")).hasSize(1);
        assertThat(standby.requests("/v2/apps")).isEmpty();
        assertThat(feed.status().leader()).isEqualTo(leader.url());
    }

    @Test
    void refusedCredentialsAreRetriedWithBackoffAndSentEveryTime() throws Exception {
        AtomicInteger refusals = new AtomicInteger();
        FakeMarathon fake = marathon().app("/a", app("/a"))
                .gate(request -> request.path().equals("/v2/leader") && refusals.getAndIncrement() < 3 ? 401 : 200);
        MarathonSettings base = settings(List.of(fake.url()));
        start(new MarathonSettings(base.urls(), "gateway", "s3cret", base.resyncInterval(), base.reconnect(),
                base.connectTimeout(), base.requestTimeout(), base.streamIdleTimeout()));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
        String basic = "Basic " + Base64.getEncoder().encodeToString("gateway:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(fake.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isEqualTo(basic));
        List<FakeMarathon.Request> leaderAsks = fake.requests("/v2/leader");
        assertThat(leaderAsks).hasSize(4);
        // pauses of 50, 100 and 200 ms (capped) between the attempts
        long[] minimumGapsMillis = {50, 100, 200};
        for (int i = 0; i < minimumGapsMillis.length; i++) {
            long gap = Duration.ofNanos(leaderAsks.get(i + 1).atNanos() - leaderAsks.get(i).atNanos()).toMillis();
            assertThat(gap).as("pause before attempt %d", i + 2).isGreaterThanOrEqualTo(minimumGapsMillis[i]);
        }
        assertThat(feed.status().lastError()).contains("401").doesNotContain("s3cret");
    }

    @Test
    void aMarathonWithoutLeaderIsAskedAgain() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).leaderKnown(false);
        start(settings(List.of(fake.url())));

        await().atMost(WAIT).until(() -> fake.requests("/v2/leader").size() >= 2);
        assertThat(listener.calls()).isEmpty();
        assertThat(feed.status().connected()).isFalse();
        assertThat(feed.status().lastError()).contains("no leader");

        fake.leaderKnown(true);
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
    }

    @Test
    void everythingIsReadAgainEveryResyncInterval() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a"));
        MarathonSettings base = settings(List.of(fake.url()));
        start(new MarathonSettings(base.urls(), null, null, Duration.ofMillis(200), base.reconnect(),
                base.connectTimeout(), base.requestTimeout(), base.streamIdleTimeout()));

        await().atMost(WAIT).until(() -> listener.snapshots().size() >= 3);
        assertThat(listener.disconnects()).isEmpty();
        assertThat(fake.streamsOpened()).isEqualTo(1);
    }

    @Test
    void aSilentStreamIsCutAndReopened() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a"));
        MarathonSettings base = settings(List.of(fake.url()));
        start(new MarathonSettings(base.urls(), null, null, base.resyncInterval(), base.reconnect(),
                base.connectTimeout(), base.requestTimeout(), Duration.ofMillis(300)));

        await().atMost(WAIT).until(() -> listener.snapshots().size() >= 2);
        assertThat(listener.disconnects()).isNotEmpty()
                .allSatisfy(d -> assertThat(d.reason()).contains("silent"));
    }

    @Test
    void keepalivesKeepAStreamOpen() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).heartbeat(Duration.ofMillis(50));
        MarathonSettings base = settings(List.of(fake.url()));
        start(new MarathonSettings(base.urls(), null, null, base.resyncInterval(), base.reconnect(),
                base.connectTimeout(), base.requestTimeout(), Duration.ofMillis(300)));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> listener.disconnects().isEmpty());
        assertThat(fake.streamsOpened()).isEqualTo(1);
    }

    @Test
    void aMarathonWithoutAttachNoticeIsStillRead() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).sendAttached(false);
        start(settings(List.of(fake.url())));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
    }

    @Test
    void aFailedAppReadIsRetried() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        FakeMarathon fake = marathon().app("/a", app("/a"))
                .gate(request -> request.path().equals("/v2/apps/a") && failures.getAndIncrement() == 0 ? 503 : 200);
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);

        push(fake, running("/a"));

        await().atMost(WAIT).until(() -> listener.changes("/a").size() == 1);
        assertThat(fake.requests("/v2/apps/a")).hasSize(2);
        assertThat(listener.disconnects()).isEmpty();
    }

    @Test
    void anAppThatDoesNotReadIsLeftOutOfTheSnapshot() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a")).app("/bad", "{\"id\":\"/bad\",\"instances\":\"two\"}");
        start(settings(List.of(fake.url())));

        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1);
        assertThat(listener.snapshots().getFirst()).isEqualTo(new Snapshot(List.of("/a")));
        assertThat(feed.status().unreadableApps()).isEqualTo(1);
    }

    @Test
    void stopClosesTheStreamPromptly() throws Exception {
        FakeMarathon fake = marathon().app("/a", app("/a"));
        start(settings(List.of(fake.url())));
        await().atMost(WAIT).until(() -> listener.snapshots().size() == 1 && fake.openStreams() == 1);

        assertTimeoutPreemptively(Duration.ofSeconds(3), feed::stop);

        assertThat(feed.status().running()).isFalse();
        assertThat(feed.status().connected()).isFalse();
        // the fake notices the closed connection when it writes to it
        await().atMost(WAIT).until(() -> {
            push(fake, running("/a"));
            return fake.openStreams() == 0;
        });
        assertThat(listener.disconnects()).isEmpty();
    }

    private static int indexOf(List<FakeMarathon.Request> requests, String path) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).path().equals(path)) {
                return i;
            }
        }
        throw new AssertionError("no request for " + path + " in " + requests);
    }

    private static URI deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
