package io.mpaas.marathon.app;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.web.JsonRequests;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import io.mpaas.protocol.marathon.MarathonJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each app endpoint changes in the root, as edits for {@link TargetRoots#change}. An edit
 * reads the current root it is applied to (never an older copy), so two requests in a row see each
 * other's changes; it throws a {@link MarathonFailure} to refuse, which changes nothing.
 */
public final class AppChanges {

    private AppChanges() {
    }

    /** One app of a PUT or PATCH. */
    public sealed interface Update {
        PathId id();
    }

    /**
     * A definition sent for {@code id}: merged field by field into the stored app ({@code partial},
     * PUT's default and PATCH), or replacing it.
     *
     * @param path where the definition sits in the request body, for error paths ("" or {@code /(0)})
     */
    public record Merge(PathId id, ObjectNode body, boolean partial, String path) implements Update {
        public Merge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(body, "body");
        }
    }

    /** Back to a stored version of the app's definition ({@code {"version": ...}} alone). */
    public record Rollback(PathId id, App definition) implements Update {
        public Rollback {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(definition, "definition");
        }
    }

    public static MarathonFailure unknownApp(PathId id) {
        return MarathonFailure.notFound("App '" + id + "' does not exist");
    }

    /**
     * The definition normalized and checked, as it will be stored.
     *
     * @param path where it sits in the request body ("" for the body itself)
     * @throws MarathonFailure INVALID with every violation
     */
    public static App valid(App request, String path) {
        App normalized = AppNormalizer.normalize(request, PathId.ROOT);
        List<Violation> violations = AppValidator.validate(normalized);
        if (!violations.isEmpty()) {
            throw MarathonFailure.invalid(prefixed(path, violations));
        }
        return normalized;
    }

    /** {@code POST /v2/apps}: a new app, refused when the id is taken. */
    public static BiFunction<RootGroup, Instant, RootGroup> create(App app) {
        PathId id = PathId.of(app.id());
        return (root, version) -> {
            if (root.app(id).isPresent()) {
                throw MarathonFailure.of(MarathonFailure.Kind.ALREADY_EXISTS,
                        "An app with id [" + id + "] already exists.");
            }
            return root.putApp(id, app);
        };
    }

    /**
     * {@code PUT} and {@code PATCH} of one app or an array of them, all in one change.
     *
     * @param mustExist PATCH: an unknown app is a 404 instead of a new app
     */
    public static BiFunction<RootGroup, Instant, RootGroup> update(List<Update> updates, boolean mustExist) {
        List<Update> all = List.copyOf(updates);
        return (root, version) -> {
            RootGroup result = root;
            List<Violation> violations = new ArrayList<>();
            for (Update update : all) {
                App existing = result.apps().get(update.id());
                if (existing == null && mustExist) {
                    throw unknownApp(update.id());
                }
                App next = switch (update) {
                    case Rollback rollback -> rollback.definition();
                    case Merge merge -> {
                        App read = existing != null && merge.partial()
                                ? merged(existing, merge.body(), merge.id(), merge.path())
                                : replacement(merge.body(), merge.id(), merge.path());
                        App normalized = AppNormalizer.normalize(read, PathId.ROOT);
                        violations.addAll(prefixed(merge.path(), AppValidator.validate(normalized)));
                        yield normalized;
                    }
                };
                result = result.putApp(update.id(), next);
            }
            if (!violations.isEmpty()) {
                throw MarathonFailure.invalid(violations);
            }
            return result;
        };
    }

    /** {@code DELETE /v2/apps/{id}}. */
    public static BiFunction<RootGroup, Instant, RootGroup> delete(PathId id) {
        return (root, version) -> {
            if (root.app(id).isEmpty()) {
                throw unknownApp(id);
            }
            return root.removeApp(id);
        };
    }

    /**
     * {@code POST /v2/apps/{id}/restart}: the same definition as a new configuration version, which
     * makes the deployment replace every instance.
     */
    public static BiFunction<RootGroup, Instant, RootGroup> restart(PathId id) {
        return (root, version) -> {
            App app = root.app(id).orElseThrow(() -> unknownApp(id));
            return root.putApp(id, AppVersioning.restarted(app, version));
        };
    }

    /** A kill with {@code scale=true}: each app runs as many instances fewer as were killed. */
    public static BiFunction<RootGroup, Instant, RootGroup> scaleDown(Map<PathId, Integer> killed) {
        Map<PathId, Integer> counts = Map.copyOf(killed);
        return (root, version) -> {
            RootGroup result = root;
            for (Map.Entry<PathId, Integer> entry : counts.entrySet()) {
                App app = result.app(entry.getKey()).orElseThrow(() -> unknownApp(entry.getKey()));
                int instances = Math.max(0, app.instanceCount() - entry.getValue());
                result = result.putApp(entry.getKey(), app.toBuilder().instances(instances).build());
            }
            return result;
        };
    }

    /**
     * The stored app with the request's fields laid over it, one top-level field at a time (a sent
     * {@code container} replaces the whole container, as in Marathon). A field sent as {@code null}
     * counts as not sent. Where the request switches between two ways of saying one thing ({@code cmd}
     * or {@code args}, {@code fetch} or {@code uris}, host or container networking), the stored
     * alternative is dropped so the result does not say both.
     */
    static App merged(App stored, ObjectNode request, PathId id, String path) {
        ObjectNode base = MarathonJson.mapper().valueToTree(stored);
        base.remove("version");
        base.remove("versionInfo");
        dropAlternative(base, request, "cmd", "args");
        dropAlternative(base, request, "args", "cmd");
        dropAlternative(base, request, "fetch", "uris");
        dropAlternative(base, request, "uris", "fetch");
        dropAlternative(base, request, "portDefinitions", "ports");
        dropAlternative(base, request, "ports", "portDefinitions");
        for (Map.Entry<String, JsonNode> field : request.properties()) {
            if (!field.getValue().isNull() && !field.getKey().equals("version")
                    && !field.getKey().equals("versionInfo")) {
                base.set(field.getKey(), field.getValue());
            }
        }
        dropNetworkingLeftovers(base, request);
        base.put("id", id.toString());
        return JsonRequests.convert(base, App.class, path);
    }

    private static App replacement(ObjectNode request, PathId id, String path) {
        ObjectNode body = request.deepCopy();
        body.remove("version");
        body.remove("versionInfo");
        body.put("id", id.toString());
        return JsonRequests.convert(body, App.class, path);
    }

    private static boolean given(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        return value != null && !value.isNull();
    }

    private static void dropAlternative(ObjectNode base, ObjectNode request, String sent, String stored) {
        if (given(request, sent) && !given(request, stored)) {
            base.remove(stored);
        }
    }

    /**
     * Port definitions belong to host networking, port mappings to the others: when the request
     * changes the networking, the stored ports of the other kind go.
     */
    private static void dropNetworkingLeftovers(ObjectNode merged, ObjectNode request) {
        boolean networkingSent = given(request, "networks") || given(request, "container");
        if (!networkingSent) {
            return;
        }
        boolean host = hostNetworking(merged);
        if (!host && !given(request, "portDefinitions") && !given(request, "ports")) {
            merged.remove("portDefinitions");
        }
        if (host && !given(request, "container") && merged.get("container") instanceof ObjectNode container) {
            container.remove("portMappings");
            if (container.get("docker") instanceof ObjectNode docker) {
                docker.remove("portMappings");
            }
        }
    }

    private static boolean hostNetworking(ObjectNode app) {
        JsonNode networks = app.get("networks");
        if (networks != null && networks.isArray() && !networks.isEmpty()) {
            JsonNode mode = networks.get(0).get("mode");
            if (mode != null && mode.isString() && !mode.stringValue().equals("host")) {
                return false;
            }
        }
        JsonNode container = app.get("container");
        JsonNode docker = container == null ? null : container.get("docker");
        JsonNode network = docker == null ? null : docker.get("network");
        return network == null || !network.isString() || network.stringValue().equals("HOST");
    }

    /** Violation paths of a definition that sits at {@code path} in the request body. */
    public static List<Violation> prefixed(String path, List<Violation> violations) {
        if (path.isEmpty()) {
            return violations;
        }
        return violations.stream().map(v -> new Violation(path + (v.path().equals("/") ? "" : v.path()),
                v.errors())).toList();
    }
}
