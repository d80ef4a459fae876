package io.mpaas.gateway.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.gateway.marathon.EventScope.Apps;
import io.mpaas.gateway.marathon.EventScope.Everything;
import io.mpaas.gateway.marathon.EventScope.Nothing;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Deployment;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.protocol.marathon.event.ApiPostEvent;
import io.mpaas.protocol.marathon.event.AppTerminatedEvent;
import io.mpaas.protocol.marathon.event.DeploymentFailed;
import io.mpaas.protocol.marathon.event.DeploymentStepFailure;
import io.mpaas.protocol.marathon.event.DeploymentStepSuccess;
import io.mpaas.protocol.marathon.event.DeploymentSuccess;
import io.mpaas.protocol.marathon.event.EventStreamAttached;
import io.mpaas.protocol.marathon.event.GroupChangeSuccess;
import io.mpaas.protocol.marathon.event.HealthStatusChangedEvent;
import io.mpaas.protocol.marathon.event.InstanceChangedEvent;
import io.mpaas.protocol.marathon.event.InstanceHealthChangedEvent;
import io.mpaas.protocol.marathon.event.LightPlan;
import io.mpaas.protocol.marathon.event.MarathonEvent;
import io.mpaas.protocol.marathon.event.StatusUpdateEvent;
import io.mpaas.protocol.marathon.event.UnhealthyInstanceKillEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventScopeTest {

    private static final String TS = "2024-05-01T10:00:00.000Z";

    private static EventScope scopeOfWire(MarathonEvent event) {
        // through the wire form, as the feed sees it
        return EventScope.of(MarathonEvent.read(event.eventType(), MarathonJson.write(event)));
    }

    @Test
    void eventsAboutOneAppNameIt() {
        assertThat(scopeOfWire(new StatusUpdateEvent("s", "t", "TASK_RUNNING", "", "/a", "h", List.of(), List.of(),
                TS, TS))).isEqualTo(new Apps(Set.of("/a")));
        assertThat(scopeOfWire(new HealthStatusChangedEvent("/a", "i", TS, true, TS)))
                .isEqualTo(new Apps(Set.of("/a")));
        assertThat(scopeOfWire(new InstanceChangedEvent("i", "Running", "/g/a", "ag", "h", TS, TS)))
                .isEqualTo(new Apps(Set.of("/g/a")));
        assertThat(scopeOfWire(new InstanceHealthChangedEvent("i", "/g/a", TS, null, TS)))
                .isEqualTo(new Apps(Set.of("/g/a")));
        assertThat(scopeOfWire(new UnhealthyInstanceKillEvent("/a", "t", "i", TS, "r", "h", "s", TS)))
                .isEqualTo(new Apps(Set.of("/a")));
        assertThat(scopeOfWire(new AppTerminatedEvent("/a", TS))).isEqualTo(new Apps(Set.of("/a")));
        assertThat(scopeOfWire(new ApiPostEvent("1.2.3.4", "/v2/apps/a", App.withId("/a"), TS)))
                .isEqualTo(new Apps(Set.of("/a")));
    }

    @Test
    void aRelativeIdIsTakenAsBelowTheRoot() {
        assertThat(EventScope.of(new AppTerminatedEvent("a/b", TS))).isEqualTo(new Apps(Set.of("/a/b")));
    }

    @Test
    void anEventWithoutAnAppIdMeansEverything() {
        assertThat(EventScope.of(new AppTerminatedEvent(null, TS))).isEqualTo(new Everything());
        assertThat(EventScope.of(new ApiPostEvent("1.2.3.4", "/v2/apps", null, TS))).isEqualTo(new Everything());
    }

    @Test
    void deploymentEventsNameTheAppsOfEveryStep() {
        Deployment.Step first = new Deployment.Step(List.of(new Deployment.Action("StartApplication", "/a"),
                new Deployment.Action("StartApplication", "/b")));
        Deployment.Step second = new Deployment.Step(List.of(new Deployment.Action("ScaleApplication", "/c")));
        LightPlan plan = new LightPlan("d", List.of(first, second), TS);
        Apps all = new Apps(Set.of("/a", "/b", "/c"));
        assertThat(scopeOfWire(new io.mpaas.protocol.marathon.event.DeploymentInfo(plan, first, TS))).isEqualTo(all);
        assertThat(scopeOfWire(new DeploymentStepSuccess(plan, first, TS))).isEqualTo(all);
        assertThat(scopeOfWire(new DeploymentStepFailure(plan, second, TS))).isEqualTo(all);
        assertThat(scopeOfWire(new DeploymentSuccess("d", plan, TS))).isEqualTo(all);
        assertThat(scopeOfWire(new DeploymentFailed("d", plan, "why", TS))).isEqualTo(all);
    }

    @Test
    void aPlanWithoutAppsMeansEverything() {
        assertThat(EventScope.of(new DeploymentSuccess("d", new LightPlan("d", List.of(), TS), TS)))
                .isEqualTo(new Everything());
        assertThat(EventScope.of(new DeploymentSuccess("d", null, TS))).isEqualTo(new Everything());
    }

    @Test
    void aGroupChangeMeansEverything() {
        assertThat(scopeOfWire(new GroupChangeSuccess("/", TS, TS))).isEqualTo(new Everything());
    }

    @Test
    void otherEventsChangeNoApp() {
        assertThat(EventScope.of(new EventStreamAttached("1.2.3.4", TS))).isEqualTo(new Nothing());
    }

    @Test
    void everyTypeAskedForIsOneMarathonKnows() {
        assertThat(EventScope.EVENT_TYPES).hasSize(13)
                .allSatisfy(type -> assertThat(MarathonEvent.recordOf(type)).isPresent());
    }
}
