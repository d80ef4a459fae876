package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckAnnouncementsTest {

    private static final HealthCheck HTTP = new HealthCheck("HTTP", "/", 0, null, null, 300, 60, 20, 3, false, null,
            null);
    private static final HealthCheck TCP = new HealthCheck("TCP", null, 0, null, null, 300, 60, 20, 3, false, null,
            null);

    private final RecordingEvents events = new RecordingEvents();
    private final HealthCheckAnnouncements announcements = new HealthCheckAnnouncements(events);

    private static App app(String id, String version, HealthCheck... checks) {
        return App.withId(id).toBuilder().version(version).healthChecks(List.of(checks)).build();
    }

    @Test
    void eachCheckOfANewVersionIsAnnouncedOnceAndTheEndOfTheChecksToo() {
        PathId web = PathId.of("/web");
        announcements.update(Map.of(web, app("/web", "2026-01-01T00:00:00.000Z", HTTP, TCP)));
        announcements.update(Map.of(web, app("/web", "2026-01-01T00:00:00.000Z", HTTP, TCP)));
        assertThat(events.published).containsExactly("add_health_check_event /web", "add_health_check_event /web");

        events.published.clear();
        announcements.update(Map.of(web, app("/web", "2026-01-02T00:00:00.000Z", HTTP)));
        assertThat(events.published).containsExactly("add_health_check_event /web");

        events.published.clear();
        announcements.update(Map.of(web, app("/web", "2026-01-03T00:00:00.000Z")));
        announcements.update(Map.of(web, app("/web", "2026-01-03T00:00:00.000Z")));
        assertThat(events.published).containsExactly("remove_health_check_event /web");
    }

    @Test
    void aDeletedAppsChecksAreRemovedAndAnAppWithoutChecksSaysNothing() {
        PathId web = PathId.of("/web");
        PathId plain = PathId.of("/plain");
        announcements.update(Map.of(web, app("/web", "2026-01-01T00:00:00.000Z", HTTP),
                plain, app("/plain", "2026-01-01T00:00:00.000Z")));
        events.published.clear();
        announcements.update(Map.of(plain, app("/plain", "2026-01-01T00:00:00.000Z")));
        assertThat(events.published).containsExactly("remove_health_check_event /web");
    }

    @Test
    void aNewLeaderAnnouncesEverythingAgain() {
        PathId web = PathId.of("/web");
        announcements.update(Map.of(web, app("/web", "2026-01-01T00:00:00.000Z", HTTP)));
        announcements.clear();
        events.published.clear();
        announcements.update(Map.of(web, app("/web", "2026-01-01T00:00:00.000Z", HTTP)));
        assertThat(events.published).containsExactly("add_health_check_event /web");
    }
}
