package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Fetch;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.ReadinessCheck;
import io.mpaas.protocol.marathon.UnreachableStrategy;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fills in Marathon's defaults so that a stored app shows every field as Marathon would.
 * Normalizing never rejects anything: validation runs on the result and names what is wrong.
 * Deprecated input forms ({@code ports}, {@code uris}, {@code docker.network},
 * {@code docker.portMappings}) become their current forms, unless both forms were given, which
 * is left for the validator to refuse.
 */
public final class AppNormalizer {

    static final double DEFAULT_CPUS = 1.0;
    static final double DEFAULT_MEM = 128.0;
    static final String YOUNGEST_FIRST = "YOUNGEST_FIRST";

    /** The Mesos fetcher unpacks these; Marathon sets {@code extract} for them when it converts {@code uris}. */
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz",
            ".tar.xz", ".zip");

    private AppNormalizer() {
    }

    /**
     * The app with its id made absolute against {@code parent} and every default filled in.
     * Idempotent: normalizing a normalized app changes nothing.
     */
    public static App normalize(App app, PathId parent) {
        App.Builder b = app.toBuilder();
        PathId id = app.id() == null ? null : parent.resolve(app.id());
        b.id(id == null ? null : id.toString());
        // Relative dependencies name siblings: they resolve against the group the app lives in.
        PathId group = id == null ? parent : id.parent();
        b.dependencies(app.dependencies() == null ? List.of()
                : distinct(app.dependencies().stream().map(d -> group.resolve(d).toString()).toList()));

        b.instances(Objects.requireNonNullElse(app.instances(), 1));
        b.cpus(Objects.requireNonNullElse(app.cpus(), DEFAULT_CPUS));
        b.mem(Objects.requireNonNullElse(app.mem(), DEFAULT_MEM));
        b.disk(Objects.requireNonNullElse(app.disk(), 0.0));
        b.gpus(Objects.requireNonNullElse(app.gpus(), 0));
        b.executor(Objects.requireNonNullElse(app.executor(), ""));
        b.backoffSeconds(Objects.requireNonNullElse(app.backoffSeconds(), 1));
        b.backoffFactor(Objects.requireNonNullElse(app.backoffFactor(), 1.15));
        b.maxLaunchDelaySeconds(Objects.requireNonNullElse(app.maxLaunchDelaySeconds(), 300));
        b.requirePorts(Objects.requireNonNullElse(app.requirePorts(), false));
        b.killSelection(Objects.requireNonNullElse(app.killSelection(), YOUNGEST_FIRST));
        b.env(Objects.requireNonNullElse(app.env(), Map.of()));
        b.labels(Objects.requireNonNullElse(app.labels(), Map.of()));
        b.upgradeStrategy(upgradeStrategy(app.upgradeStrategy()));
        b.unreachableStrategy(unreachableStrategy(app.unreachableStrategy()));
        b.constraints(app.constraints() == null ? List.of() : distinct(app.constraints().stream()
                .map(AppNormalizer::constraint).toList()));
        b.healthChecks(app.healthChecks() == null ? List.of() : distinct(app.healthChecks().stream()
                .map(AppNormalizer::healthCheck).toList()));
        b.readinessChecks(app.readinessChecks() == null ? List.of() : app.readinessChecks().stream()
                .map(AppNormalizer::readinessCheck).toList());
        fetch(app, b);
        NetworkNormalizer.normalize(app, b);
        return b.build();
    }

    /** Marathon keeps these as sets: a repeated entry is the same entry. */
    private static <T> List<T> distinct(List<T> values) {
        Set<T> seen = new LinkedHashSet<>(values);
        return new ArrayList<>(seen);
    }

    private static UpgradeStrategy upgradeStrategy(UpgradeStrategy given) {
        if (given == null) {
            return UpgradeStrategy.DEFAULT;
        }
        return new UpgradeStrategy(Objects.requireNonNullElse(given.minimumHealthCapacity(), 1.0),
                Objects.requireNonNullElse(given.maximumOverCapacity(), 1.0));
    }

    private static UnreachableStrategy unreachableStrategy(UnreachableStrategy given) {
        if (given == null) {
            return UnreachableStrategy.DEFAULT;
        }
        if (given.disabled()) {
            return UnreachableStrategy.DISABLED;
        }
        return new UnreachableStrategy(false, Objects.requireNonNullElse(given.inactiveAfterSeconds(), 0L),
                Objects.requireNonNullElse(given.expungeAfterSeconds(), 0L));
    }

    /** The operator is case-insensitive on input and stored upper-case, as Marathon shows it. */
    private static List<String> constraint(List<String> c) {
        if (c == null || c.size() < 2 || c.get(1) == null) {
            return c;
        }
        List<String> result = new ArrayList<>(c);
        result.set(1, c.get(1).toUpperCase(Locale.ROOT));
        return Collections.unmodifiableList(result);
    }

    private static HealthCheck healthCheck(HealthCheck hc) {
        String protocol = HealthCheckRules.protocol(hc);
        Integer portIndex = hc.portIndex();
        if (portIndex == null && hc.port() == null && HealthCheckRules.needsPort(protocol)) {
            portIndex = 0;
        }
        String path = hc.path() == null && HealthCheckRules.isHttp(protocol) ? "/" : hc.path();
        return new HealthCheck(protocol, path, portIndex, hc.port(), hc.command(),
                Objects.requireNonNullElse(hc.gracePeriodSeconds(), 300),
                Objects.requireNonNullElse(hc.intervalSeconds(), 60),
                Objects.requireNonNullElse(hc.timeoutSeconds(), 20),
                Objects.requireNonNullElse(hc.maxConsecutiveFailures(), 3),
                Objects.requireNonNullElse(hc.ignoreHttp1xx(), false),
                Objects.requireNonNullElse(hc.delaySeconds(), 15),
                Objects.requireNonNullElse(hc.ipProtocol(), "IPv4"));
    }

    private static ReadinessCheck readinessCheck(ReadinessCheck rc) {
        return new ReadinessCheck(Objects.requireNonNullElse(rc.name(), "readinessCheck"),
                Objects.requireNonNullElse(rc.protocol(), "HTTP"),
                Objects.requireNonNullElse(rc.path(), "/"),
                Objects.requireNonNullElse(rc.portName(), "http-api"),
                Objects.requireNonNullElse(rc.intervalSeconds(), 30),
                Objects.requireNonNullElse(rc.timeoutSeconds(), 10),
                rc.httpStatusCodesForReady() == null || rc.httpStatusCodesForReady().isEmpty() ? List.of(200)
                        : rc.httpStatusCodesForReady(),
                Objects.requireNonNullElse(rc.preserveLastResponse(), false));
    }

    /** {@code uris} become {@code fetch} entries, unless {@code fetch} is given too (both stay, for the validator). */
    private static void fetch(App app, App.Builder b) {
        List<Fetch> fetch = app.fetch() == null ? List.of() : app.fetch();
        List<String> uris = app.uris();
        if (uris != null && uris.isEmpty()) {
            uris = null;
        } else if (uris != null && fetch.isEmpty()) {
            fetch = uris.stream().map(uri -> new Fetch(uri, isArchive(uri), false, false, null)).toList();
            uris = null;
        }
        b.uris(uris);
        b.fetch(fetch.stream().map(f -> new Fetch(f.uri(), Objects.requireNonNullElse(f.extract(), true),
                Objects.requireNonNullElse(f.executable(), false), Objects.requireNonNullElse(f.cache(), false),
                f.destPath())).toList());
    }

    private static boolean isArchive(String uri) {
        return uri != null && ARCHIVE_SUFFIXES.stream().anyMatch(uri::endsWith);
    }
}
