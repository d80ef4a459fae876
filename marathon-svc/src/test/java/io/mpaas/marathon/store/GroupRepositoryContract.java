package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.GroupSpec;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Fetch;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.marathon.ReadinessCheck;
import io.mpaas.protocol.marathon.UnreachableStrategy;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import io.mpaas.protocol.marathon.VersionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * What every {@link GroupRepository} must do, run against the in-memory store and the JDBC one (on
 * PostgreSQL and on local mode's H2), so the fast fake cannot drift from the real store.
 */
abstract class GroupRepositoryContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");

    /** A new, empty store keeping {@code maxVersions}. */
    abstract GroupRepository repository(int maxVersions);

    /** Another writer on the store of {@code first}, as a second marathon process has; it has read nothing. */
    abstract GroupRepository secondWriter(GroupRepository first);

    static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** An app with most fields set, so that a lossy round trip shows. */
    static App app(String id, Instant version, int instances) {
        return new App.Builder().id(id).cmd("python3 -m http.server $PORT0").args(null).instances(instances)
                .cpus(0.25).mem(128.0).disk(0.0).gpus(0).backoffSeconds(1).backoffFactor(1.15)
                .maxLaunchDelaySeconds(300).env(Map.of("MODE", "prod", "EMPTY", ""))
                .labels(Map.of("HAPROXY_GROUP", "external")).constraints(List.of(List.of("hostname", "UNIQUE")))
                .container(new Container("DOCKER", new Container.Docker("nginx:1.27", null, null, false,
                        List.of(new Container.Parameter("label", "a=b")), true), List.of(),
                        List.of(new PortMapping(80, 0, 10000, "tcp", "http", Map.of("VIP_0", "/web:80"), null))))
                .networks(List.of(new Network("container/bridge", null, null)))
                .portDefinitions(List.of(new PortDefinition(10000, "tcp", "http", Map.of())))
                .requirePorts(false)
                .healthChecks(List.of(new HealthCheck("HTTP", "/health", 0, null, null, 300, 60, 20, 3, false,
                        null, null)))
                .readinessChecks(List.of(new ReadinessCheck("ready", "HTTP", "/ready", "http", 30, 10,
                        List.of(200), false)))
                .fetch(List.of(new Fetch("https://example.com/app.tgz", true, false, false, null)))
                .upgradeStrategy(new UpgradeStrategy(1.0, 1.0)).unreachableStrategy(UnreachableStrategy.DEFAULT)
                .killSelection("YOUNGEST_FIRST").taskKillGracePeriodSeconds(5L).acceptedResourceRoles(List.of("*"))
                .user("nobody").role("*").dependencies(List.of())
                .version(MarathonTime.format(version))
                .versionInfo(new VersionInfo(MarathonTime.format(version), MarathonTime.format(version)))
                .build();
    }

    static RootGroup root(Instant version, App... apps) {
        RootGroup root = RootGroup.empty(version);
        for (App app : apps) {
            root = root.putApp(PathId.of(app.id()), app);
        }
        return root;
    }

    @Test
    void anEmptyStoreHasAnEmptyRootAtTheEpoch() {
        GroupRepository groups = repository(50);
        assertThat(groups.root()).isEqualTo(RootGroup.empty(Instant.EPOCH));
        assertThat(groups.rootVersions()).isEmpty();
        assertThat(groups.rootVersion(Instant.EPOCH)).isEmpty();
        assertThat(groups.appVersions(PathId.of("/prod/web"))).isEmpty();
    }

    @Test
    void aRootWithAppsAndGroupsComesBackWhole() {
        GroupRepository groups = repository(50);
        RootGroup root = root(t(0), app("/prod/web", t(0), 3), app("/prod/db/mysql", t(0), 1), app("/tools", t(0), 0))
                .putGroup(new GroupSpec(PathId.of("/prod"), List.of(PathId.of("/infra")), "prod"))
                .putGroup(GroupSpec.of(PathId.of("/prod/db")))
                .putGroup(GroupSpec.of(PathId.of("/empty")));
        groups.store(root);

        assertThat(groups.root()).isEqualTo(root);
        assertThat(groups.rootVersion(t(0))).contains(root);
        // A marathon that starts now reads it from the store, not from what the writer remembers.
        assertThat(secondWriter(groups).root()).isEqualTo(root);
    }

    @Test
    void versionsAreListedNewestFirst() {
        GroupRepository groups = repository(50);
        App stable = app("/stable", t(0), 1);
        groups.store(root(t(0), stable, app("/web", t(0), 1)));
        groups.store(root(t(10), stable, app("/web", t(10), 2)));
        groups.store(root(t(20), stable, app("/web", t(20), 3)));

        assertThat(groups.rootVersions()).containsExactly(t(20), t(10), t(0));
        assertThat(groups.appVersions(PathId.of("/web"))).containsExactly(t(20), t(10), t(0));
        // An app that did not change between roots is stored once and shared by them.
        assertThat(groups.appVersions(PathId.of("/stable"))).containsExactly(t(0));
        assertThat(groups.rootVersion(t(10)).orElseThrow().app(PathId.of("/web")))
                .contains(app("/web", t(10), 2));
        assertThat(groups.root().version()).isEqualTo(t(20));
    }

    @Test
    void appVersionsAreLookedUpByIdAndVersion() {
        GroupRepository groups = repository(50);
        groups.store(root(t(0), app("/web", t(0), 1)));
        groups.store(root(t(5), app("/web", t(5), 4)));

        assertThat(groups.appVersion(PathId.of("/web"), t(0))).contains(app("/web", t(0), 1));
        assertThat(groups.appVersion(PathId.of("/web"), t(5))).contains(app("/web", t(5), 4));
        assertThat(groups.appVersion(PathId.of("/web"), t(1))).isEmpty();
        assertThat(groups.appVersion(PathId.of("/other"), t(0))).isEmpty();
        // Versions are kept to the millisecond, so a finer lookup finds its millisecond.
        assertThat(groups.appVersion(PathId.of("/web"), t(5).plusNanos(400_000))).isPresent();
    }

    @Test
    void appsWithoutAVersionAreStoredUnderTheRootVersion() {
        GroupRepository groups = repository(50);
        App bare = App.withId("/bare");
        groups.store(root(t(3), bare));

        assertThat(groups.appVersions(PathId.of("/bare"))).containsExactly(t(3));
        assertThat(groups.appVersion(PathId.of("/bare"), t(3))).contains(bare);
        assertThat(secondWriter(groups).root().app(PathId.of("/bare"))).contains(bare);
    }

    @Test
    void versionsAreTruncatedToTheMillisecond() {
        GroupRepository groups = repository(50);
        groups.store(root(t(0).plusNanos(123_456)));

        assertThat(groups.rootVersions()).containsExactly(t(0));
        assertThat(groups.root().version()).isEqualTo(t(0));
        assertThat(groups.rootVersion(t(0).plusNanos(999))).isPresent();
    }

    @Test
    void pruningKeepsTheNewestVersionsAndWhatKeptRootsReferTo() {
        GroupRepository groups = repository(3);
        App keep = app("/keep", t(0), 1);
        for (int i = 1; i <= 5; i++) {
            groups.store(root(t(i), keep, app("/rolled", t(i), i)));
        }
        // A rollback: the sixth root runs /rolled's first version again.
        groups.store(root(t(6), keep, app("/rolled", t(1), 1)));

        assertThat(groups.rootVersions()).containsExactly(t(6), t(5), t(4));
        // The newest three, plus the first, which the current root runs; the second is gone.
        assertThat(groups.appVersions(PathId.of("/rolled"))).containsExactly(t(5), t(4), t(3), t(1));
        assertThat(groups.appVersions(PathId.of("/keep"))).containsExactly(t(0));
        assertThat(groups.appVersion(PathId.of("/rolled"), t(2))).isEmpty();
        assertThat(groups.rootVersion(t(3))).isEmpty();
        // Every kept root still reads back whole.
        assertThat(groups.rootVersion(t(4)).orElseThrow().app(PathId.of("/rolled"))).contains(app("/rolled", t(4), 4));
        assertThat(secondWriter(groups).root()).isEqualTo(root(t(6), keep, app("/rolled", t(1), 1)));
    }

    @Test
    void aStoreAfterAnotherWritersStoreFails() {
        GroupRepository first = repository(50);
        first.store(root(t(0), app("/web", t(0), 1)));
        GroupRepository second = secondWriter(first);
        assertThat(second.root().version()).isEqualTo(t(0));

        // Both derived a root from t(0): the first to store wins ...
        first.store(root(t(10), app("/web", t(10), 2)));
        assertThatThrownBy(() -> second.store(root(t(11), app("/web", t(11), 5))))
                .isInstanceOf(OptimisticLockingFailureException.class);
        // ... and the loser wrote nothing.
        assertThat(first.root()).isEqualTo(root(t(10), app("/web", t(10), 2)));
        assertThat(first.rootVersions()).containsExactly(t(10), t(0));
        assertThat(first.appVersions(PathId.of("/web"))).containsExactly(t(10), t(0));

        // Having read the winner's root, the loser may store one derived from it; now the first is behind.
        assertThat(second.root().version()).isEqualTo(t(10));
        second.store(root(t(12), app("/web", t(12), 3)));
        assertThatThrownBy(() -> first.store(root(t(13))))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(first.root().version()).isEqualTo(t(12));
    }

    @Test
    void aWriterThatReadNothingStoresOnTheCurrentRoot() {
        GroupRepository first = repository(50);
        first.store(root(t(0), app("/web", t(0), 1)));
        GroupRepository second = secondWriter(first);

        second.store(root(t(1), app("/web", t(0), 1), app("/api", t(1), 1)));

        assertThat(first.root()).isEqualTo(root(t(1), app("/web", t(0), 1), app("/api", t(1), 1)));
    }
}
