package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.Violations.at;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Fetch;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import io.mpaas.protocol.marathon.UnreachableStrategy;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Marathon's validation rules for an app definition. Paths are Marathon's ({@code /id},
 * {@code /healthChecks(0)/portIndex}, {@code /} for rules about the whole app); one entry per path
 * with all its messages, in a fixed order. Messages are Marathon's where clients may match on them.
 * Rules on the container, the ports and the checks live in {@link ContainerRules},
 * {@link PortRules}, {@link HealthCheckRules} and {@link ConstraintRules}.
 */
public final class AppValidator {

    static final String CMD_ARGS_CONTAINER = "AppDefinition must either contain one of 'cmd' or 'args', and/or a "
            + "'container'.";
    static final String RESERVED = "must not end with any of the following reserved keywords: restart, tasks, "
            + "versions, ., ..";
    static final String SINGLE_INSTANCE = "Single instance app may only have one instance";
    static final String SINGLE_INSTANCE_LABEL = "MARATHON_SINGLE_INSTANCE_APP";
    static final String GPU_NEEDS_MESOS = "GPU resources only work with the Mesos containerizer";
    static final String URIS_WITH_FETCH = "may not be set in conjunction with fetch";
    static final String INVALID_URI = "URI has invalid syntax.";
    static final String UNIQUE = "Elements must be unique.";
    static final Pattern EXECUTOR = Pattern.compile("^(//cmd)|(/?[^/]+(/[^/]+)*)|$");

    private AppValidator() {
    }

    /** What is wrong with a normalized app; empty when it is valid. */
    public static List<Violation> validate(App app) {
        Violations v = new Violations();
        checkId(app, v);
        checkCommand(app, v);
        checkResources(app, v);
        checkStrategies(app, v);
        checkPlacement(app, v);
        checkDependencies(app, v);
        checkFetch(app, v);
        ContainerRules.check(app, v);
        PortRules.check(app, v);
        HealthCheckRules.checkHealthChecks(app, v);
        HealthCheckRules.checkReadinessChecks(app, v);
        return v.toList();
    }

    private static void checkId(App app, Violations v) {
        if (app.id() == null) {
            v.add("/id", Violations.MISSING);
            return;
        }
        idErrors(PathId.of(app.id())).forEach(message -> v.add("/id", message));
    }

    /** What is wrong with an app id (or a dependency on one). */
    static List<String> idErrors(PathId id) {
        List<String> errors = new ArrayList<>(id.segmentErrors());
        if (id.isRoot()) {
            errors.add("must not be root");
        }
        if (id.endsInReservedWord()) {
            errors.add(RESERVED);
        }
        return errors;
    }

    private static void checkCommand(App app, Violations v) {
        boolean cmd = app.cmd() != null;
        boolean args = app.args() != null && !app.args().isEmpty();
        Container c = app.container();
        String type = c == null || c.type() == null ? "DOCKER" : c.type();
        boolean container = c != null
                && (c.docker() != null ? ContainerRules.TYPES.contains(type) : "MESOS".equals(type));
        if (!((cmd ^ args) || (!(cmd && args) && container))) {
            v.add("/", CMD_ARGS_CONTAINER);
        }
        if (app.cmd() != null && app.cmd().isEmpty()) {
            v.add("/cmd", "must not be an empty string");
        }
        if (app.executor() != null && !EXECUTOR.matcher(app.executor()).matches()) {
            v.add("/executor", "must fully match regular expression '" + EXECUTOR.pattern() + "'");
        }
        if (app.env() != null) {
            for (String name : app.env().keySet()) {
                if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                    v.add("/env", "'" + name + "' is not a valid environment variable name: it must not be empty "
                            + "or contain '=' or NUL");
                }
            }
        }
    }

    private static void checkResources(App app, Violations v) {
        v.atLeast("/instances", app.instances(), 0);
        v.atLeast("/cpus", app.cpus(), 0.001);
        v.atLeast("/mem", app.mem(), 0.0);
        v.atLeast("/disk", app.disk(), 0.0);
        v.atLeast("/gpus", app.gpus(), 0);
        v.atLeast("/backoffSeconds", app.backoffSeconds(), 0);
        v.atLeast("/backoffFactor", app.backoffFactor(), 1.0);
        v.atLeast("/maxLaunchDelaySeconds", app.maxLaunchDelaySeconds(), 0);
        v.atLeast("/taskKillGracePeriodSeconds", app.taskKillGracePeriodSeconds(), 0);
        if (app.gpus() != null && app.gpus() > 0
                && (app.container() == null || !"MESOS".equals(app.container().type()))) {
            v.add("/", GPU_NEEDS_MESOS);
        }
    }

    private static void checkStrategies(App app, Violations v) {
        UpgradeStrategy upgrade = app.upgradeStrategy();
        if (upgrade != null) {
            fraction("/upgradeStrategy/minimumHealthCapacity", upgrade.minimumHealthCapacity(), v);
            fraction("/upgradeStrategy/maximumOverCapacity", upgrade.maximumOverCapacity(), v);
        }
        boolean singleInstance = app.labels() != null && "true".equals(app.labels().get(SINGLE_INSTANCE_LABEL));
        if (singleInstance) {
            // One instance at most, ever: a restart must stop the old instance before starting the new one.
            if (app.instances() != null && app.instances() > 1) {
                v.add("/", SINGLE_INSTANCE);
            }
            if (upgrade != null) {
                exactlyZero("/upgradeStrategy/minimumHealthCapacity", upgrade.minimumHealthCapacity(), v);
                exactlyZero("/upgradeStrategy/maximumOverCapacity", upgrade.maximumOverCapacity(), v);
            }
        }
        UnreachableStrategy unreachable = app.unreachableStrategy();
        if (unreachable != null && !unreachable.disabled()) {
            Long inactive = unreachable.inactiveAfterSeconds();
            Long expunge = unreachable.expungeAfterSeconds();
            if (inactive != null && inactive < 0) {
                v.add("/unreachableStrategy/inactiveAfterSeconds", "inactiveAfterSeconds (" + inactive
                        + ") must be greater than or equal to 0");
            }
            if (expunge != null && expunge < 0) {
                v.add("/unreachableStrategy/expungeAfterSeconds", "expungeAfterSeconds (" + expunge
                        + ") must be greater than or equal to 0");
            }
            if (inactive != null && expunge != null && inactive >= 0 && expunge >= 0 && inactive > expunge) {
                v.add("/unreachableStrategy/inactiveAfterSeconds", "inactiveAfterSeconds (" + inactive
                        + ") must be less or equal to expungeAfterSeconds, which is " + expunge);
            }
        }
        v.oneOf("/killSelection", app.killSelection(), List.of("YOUNGEST_FIRST", "OLDEST_FIRST"));
    }

    private static void fraction(String path, Double value, Violations v) {
        if (value != null && value > 1.0) {
            v.add(path, "is greater than 1");
        }
        if (value != null && value < 0.0) {
            v.add(path, "is less than 0");
        }
    }

    private static void exactlyZero(String path, Double value, Violations v) {
        if (value != null && value != 0.0) {
            v.add(path, "got " + value + ", expected 0.0");
        }
    }

    private static void checkPlacement(App app, Violations v) {
        List<List<String>> constraints = app.constraints() == null ? List.of() : app.constraints();
        for (int i = 0; i < constraints.size(); i++) {
            String path = at("/constraints", i);
            ConstraintRules.errors(constraints.get(i)).forEach(message -> v.add(path, message));
        }
        List<String> roles = app.acceptedResourceRoles();
        if (roles != null) {
            if (roles.isEmpty()) {
                v.add("/acceptedResourceRoles", Violations.NOT_EMPTY);
            }
            if (new HashSet<>(roles).size() < roles.size()) {
                v.add("/acceptedResourceRoles", UNIQUE);
            }
            for (int i = 0; i < roles.size(); i++) {
                String path = at("/acceptedResourceRoles", i);
                RoleName.errors(roles.get(i)).forEach(message -> v.add(path, message));
            }
        }
        if (app.role() != null) {
            RoleName.errors(app.role()).forEach(message -> v.add("/role", message));
        }
    }

    private static void checkDependencies(App app, Violations v) {
        List<String> dependencies = app.dependencies() == null ? List.of() : app.dependencies();
        for (int i = 0; i < dependencies.size(); i++) {
            String path = at("/dependencies", i);
            PathId dependency = PathId.of(dependencies.get(i));
            List<String> errors = new ArrayList<>(dependency.segmentErrors());
            if (dependency.isRoot()) {
                errors.add("must not be root");
            }
            errors.forEach(message -> v.add(path, message));
        }
        if (new HashSet<>(dependencies).size() < dependencies.size()) {
            v.add("/dependencies", UNIQUE);
        }
    }

    private static void checkFetch(App app, Violations v) {
        List<Fetch> fetch = app.fetch() == null ? List.of() : app.fetch();
        for (int i = 0; i < fetch.size(); i++) {
            String path = at("/fetch", i) + "/uri";
            String uri = fetch.get(i).uri();
            v.notEmpty(path, uri);
            if (uri != null && !uri.isEmpty() && !isUri(uri)) {
                v.add(path, INVALID_URI);
            }
        }
        List<String> uris = app.uris() == null ? List.of() : app.uris();
        for (int i = 0; i < uris.size(); i++) {
            if (!isUri(uris.get(i))) {
                v.add(at("/uris", i), INVALID_URI);
            }
        }
        if (!uris.isEmpty() && !fetch.isEmpty()) {
            v.add("/uris", URIS_WITH_FETCH);
        }
    }

    private static boolean isUri(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
