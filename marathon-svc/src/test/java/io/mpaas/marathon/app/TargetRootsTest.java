package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.group.GroupSpec;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.VersionInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Completing edited roots: service ports assigned, versions only for apps that changed, and the
 * rules that span apps.
 */
class TargetRootsTest {

    private static final Instant V0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant V1 = Instant.parse("2024-05-01T10:00:01Z");
    private static final String T0 = "2024-05-01T10:00:00.000Z";
    private static final String T1 = "2024-05-01T10:00:01.000Z";

    private final TargetRoots roots = new TargetRoots(io.mpaas.marathon.scheduler.LaunchProperties.defaults());

    /** An app as a request gives it: one port asking for a service port ({@code port: 0}). */
    private static App app(String id, String cmd, int instances) {
        return withPort(App.withId(id).toBuilder().cmd(cmd).instances(instances).build(), 0);
    }

    private static App withPort(App app, int port) {
        return app.toBuilder().portDefinitions(List.of(new PortDefinition(port, "tcp", null, null))).build();
    }

    /** An app as a stored root has it: it went through a completion, so its service port is assigned. */
    private static App stored(String id, String cmd, int instances, int servicePort) {
        return withPort(app(id, cmd, instances), servicePort).toBuilder().version(T0)
                .versionInfo(new VersionInfo(T0, T0)).build();
    }

    private static RootGroup root(App... apps) {
        RootGroup root = RootGroup.empty(V0);
        for (App app : apps) {
            root = root.putApp(PathId.of(app.id()), app);
        }
        return root;
    }

    @Test
    void aNewAppGetsTheNewVersionAsBothChangeTimesAndTheFirstFreeServicePort() {
        RootGroup target = roots.change((r, v) -> r.putApp(PathId.of("/b"), app("/b", "x", 1)))
                .apply(root(stored("/a", "x", 1, 10000)), V1);
        assertThat(target.version()).isEqualTo(V1);
        assertThat(target.app(PathId.of("/b")).orElseThrow()).isEqualTo(withPort(app("/b", "x", 1), 10001)
                .toBuilder().version(T1).versionInfo(new VersionInfo(T1, T1)).build());
    }

    @Test
    void anUnchangedDefinitionKeepsItsVersionEvenWhenTheEditRewroteIt() {
        RootGroup original = root(stored("/a", "x", 1, 10000), stored("/b", "y", 1, 10001));
        RootGroup target = roots.change((r, v) -> r.putApp(PathId.of("/a"), app("/a", "x", 1))
                .putApp(PathId.of("/b"), app("/b", "z", 1))).apply(original, V1);
        assertThat(target.app(PathId.of("/a")).orElseThrow()).isEqualTo(stored("/a", "x", 1, 10000));
        assertThat(target.app(PathId.of("/b")).orElseThrow()).isEqualTo(withPort(app("/b", "z", 1), 10001)
                .toBuilder().version(T1).versionInfo(new VersionInfo(T1, T1)).build());
    }

    @Test
    void aScaleMovesOnlyTheLastScaling() {
        RootGroup target = roots.change((r, v) -> r.putApp(PathId.of("/a"), app("/a", "x", 3)))
                .apply(root(stored("/a", "x", 1, 10000)), V1);
        assertThat(target.app(PathId.of("/a")).orElseThrow()).isEqualTo(stored("/a", "x", 3, 10000).toBuilder()
                .version(T1).versionInfo(new VersionInfo(T1, T0)).build());
    }

    @Test
    void anExplicitServicePortIsAChangeOfConfiguration() {
        RootGroup target = roots.change((r, v) -> r.putApp(PathId.of("/a"), withPort(app("/a", "x", 1), 10005)))
                .apply(root(stored("/a", "x", 1, 10000)), V1);
        assertThat(target.app(PathId.of("/a")).orElseThrow()).isEqualTo(stored("/a", "x", 1, 10005).toBuilder()
                .version(T1).versionInfo(new VersionInfo(T1, T1)).build());
    }

    @Test
    void anAppTheEditStampedWithTheNewVersionIsKeptAsStamped() {
        App restarted = stored("/a", "x", 1, 10000).toBuilder().version(T1).versionInfo(new VersionInfo(T1, T1))
                .build();
        RootGroup target = roots.change((r, v) -> r.putApp(PathId.of("/a"), restarted))
                .apply(root(stored("/a", "x", 1, 10000)), V1);
        assertThat(target.app(PathId.of("/a")).orElseThrow()).isEqualTo(restarted);
    }

    @Test
    void anAppMayNotHaveAGroupsId() {
        assertThatThrownBy(() -> roots.change((r, v) -> r.putApp(PathId.of("/a"), app("/a", "x", 1))
                .putApp(PathId.of("/a/b"), app("/a/b", "x", 1))).apply(root(), V1))
                .isInstanceOfSatisfying(MarathonFailure.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("/", List.of("Groups and Applications may not have the same identifier."))));
        assertThatThrownBy(() -> roots.change((r, v) -> r.putGroup(GroupSpec.of(PathId.of("/a")))
                .putApp(PathId.of("/a"), app("/a", "x", 1))).apply(root(), V1))
                .isInstanceOf(MarathonFailure.class);
    }

    @Test
    void dependenciesMayNotFormACycle() {
        App a = app("/a", "x", 1).toBuilder().dependencies(List.of("/b")).build();
        App b = app("/b", "x", 1).toBuilder().dependencies(List.of("/g")).build();
        App c = app("/g/c", "x", 1).toBuilder().dependencies(List.of("/a")).build();
        assertThatThrownBy(() -> roots.change((r, v) -> r.putApp(PathId.of("/a"), a).putApp(PathId.of("/b"), b)
                .putApp(PathId.of("/g/c"), c)).apply(root(), V1))
                .isInstanceOfSatisfying(MarathonFailure.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("/", List.of("Dependency graph has cyclic dependencies."))));
        RootGroup chain = roots.change((r, v) -> r.putApp(PathId.of("/a"), a).putApp(PathId.of("/b"), b)
                .putApp(PathId.of("/g/c"), app("/g/c", "x", 1))).apply(root(), V1);
        assertThat(chain.apps()).hasSize(3);
    }

    @Test
    void aRefusedEditLeavesNothingBehind() {
        RootGroup original = root(stored("/a", "x", 1, 10000));
        assertThatThrownBy(() -> roots.change(AppChanges.delete(PathId.of("/nope"))).apply(original, V1))
                .isInstanceOfSatisfying(MarathonFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(MarathonFailure.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("App '/nope' does not exist");
                });
        assertThat(original.apps()).hasSize(1);
    }
}
