package io.mpaas.gateway.marathon;

import io.mpaas.protocol.marathon.Deployment;
import io.mpaas.protocol.marathon.event.ApiPostEvent;
import io.mpaas.protocol.marathon.event.AppTerminatedEvent;
import io.mpaas.protocol.marathon.event.DeploymentFailed;
import io.mpaas.protocol.marathon.event.DeploymentInfo;
import io.mpaas.protocol.marathon.event.DeploymentStepFailure;
import io.mpaas.protocol.marathon.event.DeploymentStepSuccess;
import io.mpaas.protocol.marathon.event.DeploymentSuccess;
import io.mpaas.protocol.marathon.event.GroupChangeSuccess;
import io.mpaas.protocol.marathon.event.HealthStatusChangedEvent;
import io.mpaas.protocol.marathon.event.InstanceChangedEvent;
import io.mpaas.protocol.marathon.event.InstanceHealthChangedEvent;
import io.mpaas.protocol.marathon.event.LightPlan;
import io.mpaas.protocol.marathon.event.MarathonEvent;
import io.mpaas.protocol.marathon.event.StatusUpdateEvent;
import io.mpaas.protocol.marathon.event.UnhealthyInstanceKillEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an event makes worth reading again: the apps it names, everything (it changed apps it does not name), or
 * nothing (it changes no app). Events are only hints here; the state is always read back from marathon, so an
 * event's own fields (a task's state, a health result) never reach the routing table directly and a lost or
 * reordered event costs at most one resync interval.
 */
sealed interface EventScope {

    /** The event types the feed asks marathon for: those that change what an app routes to, or name it. */
    List<String> EVENT_TYPES = List.of(
            StatusUpdateEvent.TYPE, HealthStatusChangedEvent.TYPE, InstanceChangedEvent.TYPE,
            InstanceHealthChangedEvent.TYPE, UnhealthyInstanceKillEvent.TYPE, ApiPostEvent.TYPE,
            AppTerminatedEvent.TYPE, DeploymentInfo.TYPE, DeploymentSuccess.TYPE, DeploymentFailed.TYPE,
            DeploymentStepSuccess.TYPE, DeploymentStepFailure.TYPE, GroupChangeSuccess.TYPE);

    /** Read these apps again (absolute ids). */
    record Apps(Set<String> ids) implements EventScope {
        public Apps {
            ids = Set.copyOf(ids);
        }
    }

    /** Read every app again. */
    record Everything() implements EventScope {
    }

    /** No app changed. */
    record Nothing() implements EventScope {
    }

    static EventScope of(MarathonEvent event) {
        return switch (event) {
            case StatusUpdateEvent e -> app(e.appId());
            case HealthStatusChangedEvent e -> app(e.appId());
            case InstanceChangedEvent e -> app(e.runSpecId());
            case InstanceHealthChangedEvent e -> app(e.runSpecId());
            case UnhealthyInstanceKillEvent e -> app(e.appId());
            case AppTerminatedEvent e -> app(e.appId());
            case ApiPostEvent e -> app(e.appDefinition() == null ? null : e.appDefinition().id());
            case DeploymentInfo e -> plan(e.plan());
            case DeploymentStepSuccess e -> plan(e.plan());
            case DeploymentStepFailure e -> plan(e.plan());
            case DeploymentSuccess e -> plan(e.plan());
            case DeploymentFailed e -> plan(e.plan());
            // a group change may add, move or remove any app below the group, and names none of them
            case GroupChangeSuccess e -> new Everything();
            default -> new Nothing();
        };
    }

    /** An event about an app that does not say which: only a full read can tell what changed. */
    private static EventScope app(String id) {
        return id == null || id.isBlank() ? new Everything() : new Apps(Set.of(absolute(id)));
    }

    /** The apps of every step's actions (a light plan has no {@code affectedApps}); all apps without a plan. */
    private static EventScope plan(LightPlan plan) {
        if (plan == null) {
            return new Everything();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Deployment.Step step : plan.steps()) {
            for (Deployment.Action action : step.actions()) {
                if (action.app() == null || action.app().isBlank()) {
                    return new Everything();
                }
                ids.add(absolute(action.app()));
            }
        }
        return ids.isEmpty() ? new Everything() : new Apps(ids);
    }

    /** Marathon writes absolute ids; a relative one is taken as below the root, as marathon itself would. */
    private static String absolute(String id) {
        return id.startsWith("/") ? id : "/" + id;
    }
}
