package io.mpaas.marathon.app;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.deployment.Deployer;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.web.IdPath;
import io.mpaas.marathon.web.InvalidJson;
import io.mpaas.marathon.web.JsonRequests;
import io.mpaas.marathon.web.JsonResponses;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonError.DeploymentRef;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v2/apps}: create, read, change, restart and remove apps. Every change is a deployment
 * ({@link Deployer}) of a target root built by {@link TargetRoots}; the answers carry its id.
 * Task sub-resources ({@code /v2/apps/{id}/tasks}) are the TaskController's.
 */
@RestController
public class AppController {

    private static final String VERSION_ONLY = "The 'version' field may only be combined with the 'id' field.";

    private final GroupRepository groups;
    private final Deployer deployer;
    private final TargetRoots targetRoots;
    private final AppInfoAssembler infos;
    private final Events events;

    public AppController(GroupRepository groups, Deployer deployer, TargetRoots targetRoots, AppInfoAssembler infos,
            Events events) {
        this.groups = groups;
        this.deployer = deployer;
        this.targetRoots = targetRoots;
        this.infos = infos;
        this.events = events;
    }

    /** Every app, filtered; counts and deployments are always embedded (as Marathon does since 1.0). */
    @GetMapping("/v2/apps")
    public ResponseEntity<byte[]> list(@RequestParam(required = false) String cmd,
            @RequestParam(required = false) String id, @RequestParam(required = false) String label,
            @RequestParam(name = "embed", required = false) List<String> embed) {
        Predicate<App> filter = filter(cmd, id, label);
        Set<AppEmbed> embeds = AppEmbed.parse(embed, "apps.", "app.");
        embeds.addAll(EnumSet.of(AppEmbed.COUNTS, AppEmbed.DEPLOYMENTS));
        AppInfoAssembler.View view = infos.forMany(embeds);
        List<AppInfo> apps = new ArrayList<>();
        groups.root().apps().forEach((appId, app) -> {
            if (filter.test(app)) {
                apps.add(view.info(appId, app));
            }
        });
        return JsonResponses.ok(Map.of("apps", apps));
    }

    private static Predicate<App> filter(String cmd, String id, String label) {
        Predicate<App> filter = app -> true;
        if (cmd != null && !cmd.isEmpty()) {
            String wanted = cmd.toLowerCase(Locale.ROOT);
            filter = filter.and(app -> app.cmd() != null && app.cmd().toLowerCase(Locale.ROOT).contains(wanted));
        }
        if (id != null && !id.isEmpty()) {
            filter = filter.and(idFilter(id));
        }
        if (label != null && !label.isEmpty()) {
            LabelSelector selector = LabelSelector.parse(label);
            filter = filter.and(app -> selector.matches(app.labels()));
        }
        return filter;
    }

    /** A substring of the id, ignoring case; with {@code *} a glob over the whole id. */
    private static Predicate<App> idFilter(String id) {
        if (!id.contains("*")) {
            String wanted = id.toLowerCase(Locale.ROOT);
            return app -> app.id().toLowerCase(Locale.ROOT).contains(wanted);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : id.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        Pattern glob = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        return app -> glob.matcher(app.id()).matches();
    }

    @PostMapping("/v2/apps")
    public ResponseEntity<byte[]> create(@RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        ObjectNode node = JsonRequests.parseObject(body);
        requireId(node, "");
        App app = AppChanges.valid(JsonRequests.convert(node, App.class, ""), "");
        PathId id = PathId.of(app.id());
        DeploymentPlan plan = deployer.deploy(targetRoots.change(AppChanges.create(app)), force);
        App created = plan.target().app(id).orElse(app);
        events.apiPost(request.getRemoteAddr(), request.getRequestURI(), created);
        AppInfo info = new AppInfo(created, 0, 0, 0, 0, List.of(new DeploymentRef(plan.id())), null, List.of(),
                null, null);
        return JsonResponses.created(plan, id.toString(), info);
    }

    /** {@code {"app": ...}} with counts, tasks, lastTaskFailure and deployments always embedded. */
    @GetMapping("/v2/apps/**")
    @IdPath
    public ResponseEntity<byte[]> show(@PathVariable String id,
            @RequestParam(name = "embed", required = false) List<String> embed) {
        PathId appId = PathId.of(id);
        App app = groups.root().app(appId).orElseThrow(() -> AppChanges.unknownApp(appId));
        Set<AppEmbed> embeds = AppEmbed.parse(embed, "app.", "apps.");
        embeds.addAll(EnumSet.of(AppEmbed.COUNTS, AppEmbed.TASKS, AppEmbed.LAST_TASK_FAILURE, AppEmbed.DEPLOYMENTS));
        return JsonResponses.ok(Map.of("app", infos.forOne(embeds).info(appId, app)));
    }

    /** {@code /v2/apps/group/*}: every app under the group, at any depth, as {@code {"*": [...]}}. */
    @GetMapping("/v2/apps/**")
    @IdPath("*")
    public ResponseEntity<byte[]> appsUnder(@PathVariable String id,
            @RequestParam(name = "embed", required = false) List<String> embed) {
        PathId groupId = PathId.of(id);
        RootGroup root = groups.root();
        if (!root.hasGroup(groupId)) {
            throw MarathonFailure.notFound("Group '" + groupId + "' does not exist");
        }
        Set<AppEmbed> embeds = AppEmbed.parse(embed, "apps.", "app.");
        embeds.addAll(EnumSet.of(AppEmbed.COUNTS, AppEmbed.DEPLOYMENTS));
        AppInfoAssembler.View view = infos.forMany(embeds);
        return JsonResponses.ok(Map.of("*", root.appsUnder(groupId).stream().map(view::info).toList()));
    }

    /**
     * Creates or changes one app. {@code partialUpdate} (default true) keeps the fields the body
     * leaves out; false replaces the definition. A body of only {@code version} (and {@code id}) rolls
     * back to that stored version.
     */
    @PutMapping("/v2/apps/**")
    @IdPath
    public ResponseEntity<byte[]> update(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force,
            @RequestParam(defaultValue = "true") boolean partialUpdate, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        PathId appId = PathId.of(id);
        AppChanges.Update update = update(appId, JsonRequests.parseObject(body), partialUpdate, "");
        DeploymentPlan plan = deployer.deploy(targetRoots.change(AppChanges.update(List.of(update), false)), force);
        announce(plan, List.of(appId), request);
        return plan.original().app(appId).isEmpty() ? JsonResponses.created(plan, appId.toString())
                : JsonResponses.deployed(plan);
    }

    /** Changes the fields the body names; never creates an app. */
    @PatchMapping("/v2/apps/**")
    @IdPath
    public ResponseEntity<byte[]> patch(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        PathId appId = PathId.of(id);
        AppChanges.Update update = update(appId, JsonRequests.parseObject(body), true, "");
        DeploymentPlan plan = deployer.deploy(targetRoots.change(AppChanges.update(List.of(update), true)), force);
        announce(plan, List.of(appId), request);
        return JsonResponses.deployed(plan);
    }

    /** Several apps in one deployment, created where they do not exist. */
    @PutMapping("/v2/apps")
    public ResponseEntity<byte[]> updateMany(@RequestParam(defaultValue = "false") boolean force,
            @RequestParam(defaultValue = "true") boolean partialUpdate, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        return many(JsonRequests.parse(body), partialUpdate, false, force, request);
    }

    /** Several existing apps changed in one deployment. */
    @PatchMapping("/v2/apps")
    public ResponseEntity<byte[]> patchMany(@RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return many(JsonRequests.parse(body), true, true, force, request);
    }

    private ResponseEntity<byte[]> many(JsonNode body, boolean partial, boolean mustExist, boolean force,
            HttpServletRequest request) {
        if (!body.isArray()) {
            throw InvalidJson.mismatched(List.of(new Violation("/", List.of("error.expected.jsarray"))));
        }
        List<AppChanges.Update> updates = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String path = "/(" + i + ")";
            ObjectNode element = JsonRequests.object(body.get(i), path);
            updates.add(update(PathId.of(requireId(element, path)), element, partial, path));
        }
        DeploymentPlan plan = deployer.deploy(targetRoots.change(AppChanges.update(updates, mustExist)), force);
        announce(plan, updates.stream().map(AppChanges.Update::id).toList(), request);
        return JsonResponses.deployed(plan);
    }

    /** The definition's {@code id}, which Marathon's JSON reader requires (a 422 "Invalid JSON" without it). */
    private static String requireId(ObjectNode definition, String path) {
        JsonNode id = definition.get("id");
        if (id == null || id.isNull()) {
            throw InvalidJson.mismatched(List.of(new Violation(path + "/id", List.of("error.path.missing"))));
        }
        if (!id.isString()) {
            throw InvalidJson.mismatched(List.of(new Violation(path + "/id", List.of("error.expected.jsstring"))));
        }
        return id.stringValue();
    }

    /** A merge or replacement of the body, or a rollback when the body names a version. */
    private AppChanges.Update update(PathId appId, ObjectNode body, boolean partial, String path) {
        JsonNode version = body.get("version");
        if (version == null || version.isNull()) {
            return new AppChanges.Merge(appId, body, partial, path);
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!Set.of("id", "version", "versionInfo").contains(field.getKey()) && !field.getValue().isNull()) {
                throw MarathonFailure.invalid(List.of(new Violation(path.isEmpty() ? "/" : path,
                        List.of(VERSION_ONLY))));
            }
        }
        Instant at = version(version, path);
        App stored = groups.appVersion(appId, at).orElseThrow(() -> MarathonFailure.notFound(
                "App '" + appId + "' does not exist in version " + version.asString()));
        return new AppChanges.Rollback(appId, stored);
    }

    private static Instant version(JsonNode version, String path) {
        if (!version.isString()) {
            throw InvalidJson.mismatched(List.of(new Violation(path + "/version", List.of("error.expected.jsstring"))));
        }
        try {
            return MarathonTime.parse(version.stringValue());
        } catch (DateTimeParseException e) {
            throw InvalidJson.mismatched(List.of(new Violation(path + "/version",
                    List.of("error.expected.date.isoformat"))));
        }
    }

    /** {@code api_post_event} for each app a create or update wrote. */
    private void announce(DeploymentPlan plan, List<PathId> ids, HttpServletRequest request) {
        for (PathId appId : ids) {
            plan.target().app(appId).ifPresent(app -> events.apiPost(request.getRemoteAddr(), request.getRequestURI(),
                    app));
        }
    }

    /** Stops the app; {@code force} defaults to true here, as in Marathon. */
    @DeleteMapping("/v2/apps/**")
    @IdPath
    public ResponseEntity<byte[]> delete(@PathVariable String id, @RequestParam(defaultValue = "true") boolean force) {
        return JsonResponses.deployed(deploy(AppChanges.delete(PathId.of(id)), force));
    }

    @PostMapping("/v2/apps/**")
    @IdPath("restart")
    public ResponseEntity<byte[]> restart(@PathVariable String id,
            @RequestParam(defaultValue = "false") boolean force) {
        return JsonResponses.deployed(deploy(AppChanges.restart(PathId.of(id)), force));
    }

    private DeploymentPlan deploy(BiFunction<RootGroup, Instant, RootGroup> edit, boolean force) {
        return deployer.deploy(targetRoots.change(edit), force);
    }

    /** Stored versions of the app, newest first. */
    @GetMapping("/v2/apps/**")
    @IdPath("versions")
    public ResponseEntity<byte[]> versions(@PathVariable String id) {
        PathId appId = PathId.of(id);
        if (groups.root().app(appId).isEmpty()) {
            throw AppChanges.unknownApp(appId);
        }
        return JsonResponses.ok(Map.of("versions", groups.appVersions(appId).stream().map(MarathonTime::format)
                .toList()));
    }

    /** One stored version: the plain definition. */
    @GetMapping("/v2/apps/**")
    @IdPath("versions/{version}")
    public ResponseEntity<byte[]> version(@PathVariable String id, @PathVariable String version) {
        PathId appId = PathId.of(id);
        MarathonFailure unknown = MarathonFailure.notFound("App '" + appId + "' does not exist in version " + version);
        Instant at;
        try {
            at = MarathonTime.parse(version);
        } catch (DateTimeParseException e) {
            throw unknown;
        }
        return JsonResponses.ok(groups.appVersion(appId, at).orElseThrow(() -> unknown));
    }
}
