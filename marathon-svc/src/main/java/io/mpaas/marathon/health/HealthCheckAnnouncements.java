package io.mpaas.marathon.health;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.event.Events;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Marathon's {@code add_health_check_event} and {@code remove_health_check_event}: the leader announces the health
 * checks of every app version it starts to look after (each app's checks once after an election, and again when a
 * new version brings them), and says when an app's checks are gone (the app was deleted, or its new version has
 * none). Fed the apps at every health-check tick; remembers only what it announced.
 */
final class HealthCheckAnnouncements {

    private final Events events;
    /** Per app with health checks: the version whose checks were announced. */
    private final Map<PathId, String> announced = new HashMap<>();

    HealthCheckAnnouncements(Events events) {
        this.events = events;
    }

    synchronized void update(Map<PathId, App> apps) {
        for (Map.Entry<PathId, App> entry : apps.entrySet()) {
            App app = entry.getValue();
            List<HealthCheck> checks = app.healthChecks() == null ? List.of() : app.healthChecks();
            String version = app.version();
            if (checks.isEmpty()) {
                if (announced.remove(entry.getKey()) != null) {
                    events.removeHealthCheck(entry.getKey());
                }
            } else if (version != null && !version.equals(announced.get(entry.getKey()))) {
                Instant at = MarathonTime.parse(version);
                checks.forEach(check -> events.addHealthCheck(entry.getKey(), at, check));
                announced.put(entry.getKey(), version);
            }
        }
        announced.keySet().removeIf(appId -> {
            boolean gone = !apps.containsKey(appId);
            if (gone) {
                events.removeHealthCheck(appId);
            }
            return gone;
        });
    }

    /** Forgets what was announced (leadership ended): the next leader announces everything again. */
    synchronized void clear() {
        announced.clear();
    }
}
