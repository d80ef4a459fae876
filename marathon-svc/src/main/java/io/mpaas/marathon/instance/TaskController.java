package io.mpaas.marathon.instance;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.AppChanges;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.app.TargetRoots;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.web.AcceptHeader;
import io.mpaas.marathon.web.IdPath;
import io.mpaas.marathon.web.InvalidJson;
import io.mpaas.marathon.web.JsonRequests;
import io.mpaas.marathon.web.JsonResponses;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import io.mpaas.protocol.marathon.MarathonTask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v2/tasks} and {@code /v2/apps/{id}/tasks}: list tasks and kill them. A kill leaves the
 * app's instance count alone (the scheduler replaces the task) unless {@code scale=true}, which
 * lowers it in a deployment. {@code wipe=true} means "forget the instance and its reservation";
 * without persistent volumes (not supported here) that is exactly a kill, so it is one.
 */
@RestController
public class TaskController {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final InstanceView instances;
    private final Killer killer;
    private final ScalingKiller scalingKiller;
    private final GroupRepository groups;
    private final TargetRoots targetRoots;

    public TaskController(InstanceView instances, Killer killer, ScalingKiller scalingKiller, GroupRepository groups,
            TargetRoots targetRoots) {
        this.instances = instances;
        this.killer = killer;
        this.scalingKiller = scalingKiller;
        this.groups = groups;
        this.targetRoots = targetRoots;
    }

    /**
     * Every task, optionally only those in the given states ({@code status=running}, also as
     * {@code status[]}); unknown states are ignored. {@code Accept: text/plain} gets the legacy list.
     */
    @GetMapping("/v2/tasks")
    public ResponseEntity<byte[]> list(@RequestParam(name = "status", required = false) List<String> status,
            @RequestParam(name = "status[]", required = false) List<String> statusArray,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (wantsText(accept)) {
            Map<PathId, List<Instance>> byApp = byApp(instances.all());
            return text(EndpointsRenderer.render(groups.root().apps().values(),
                    appId -> byApp.getOrDefault(appId, List.of())));
        }
        Set<Condition> conditions = conditions(status, statusArray);
        List<MarathonTask> tasks = instances.all().stream()
                .filter(i -> TaskRenderer.isTask(i) && (conditions.isEmpty() || conditions.contains(i.condition())))
                .sorted(Comparator.comparing((Instance i) -> i.appId()).thenComparing(Instance::taskId))
                .map(TaskRenderer::render).toList();
        return JsonResponses.ok(Map.of("tasks", tasks));
    }

    private static Map<PathId, List<Instance>> byApp(Collection<Instance> all) {
        Map<PathId, List<Instance>> result = new HashMap<>();
        all.forEach(i -> result.computeIfAbsent(i.appId(), id -> new ArrayList<>()).add(i));
        return result;
    }

    private static Set<Condition> conditions(List<String> status, List<String> statusArray) {
        Set<Condition> result = EnumSet.noneOf(Condition.class);
        List<String> names = new ArrayList<>();
        if (status != null) {
            names.addAll(status);
        }
        if (statusArray != null) {
            names.addAll(statusArray);
        }
        for (String name : names) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "running" -> result.add(Condition.RUNNING);
                case "staging" -> result.addAll(EnumSet.of(Condition.PROVISIONED, Condition.STAGING));
                case "starting" -> result.add(Condition.STARTING);
                case "killing" -> result.add(Condition.KILLING);
                case "unreachable" -> result.addAll(EnumSet.of(Condition.UNREACHABLE, Condition.UNREACHABLE_INACTIVE));
                default -> {
                    // Ignored, as Marathon ignores states it does not filter by.
                }
            }
        }
        return result;
    }

    /** Whether the client prefers the legacy text list to JSON; no {@code Accept} means JSON. */
    static boolean wantsText(String accept) {
        return AcceptHeader.preferred(accept, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN)
                .equals(MediaType.TEXT_PLAIN);
    }

    private static ResponseEntity<byte[]> text(String body) {
        return ResponseEntity.ok().contentType(TEXT).body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Kills tasks of any apps by task id: {@code {"ids": [...]}}. */
    @PostMapping("/v2/tasks/delete")
    public ResponseEntity<byte[]> killMany(@RequestParam(defaultValue = "false") boolean scale,
            @RequestParam(defaultValue = "false") boolean wipe, @RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte[] body) {
        refuseScaleAndWipe(scale, wipe);
        List<Instance> toKill = new ArrayList<>();
        for (String taskId : taskIds(JsonRequests.parseObject(body))) {
            toKill.add(instances.byTaskId(taskId).filter(TaskRenderer::isTask).orElseThrow(() -> MarathonFailure.of(
                    MarathonFailure.Kind.BAD_REQUEST, "Invalid task id '" + taskId + "'. [no such task]")));
        }
        if (scale) {
            return JsonResponses.deployed(killAndScale(toKill, force));
        }
        return JsonResponses.ok(Map.of("tasks", kill(toKill)));
    }

    private static List<String> taskIds(ObjectNode body) {
        JsonNode ids = body.get("ids");
        if (ids == null || ids.isNull()) {
            throw InvalidJson.mismatched(List.of(new Violation("/ids", List.of("error.path.missing"))));
        }
        if (!ids.isArray()) {
            throw InvalidJson.mismatched(List.of(new Violation("/ids", List.of("error.expected.jsarray"))));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isString()) {
                throw InvalidJson.mismatched(List.of(new Violation("/ids(" + i + ")",
                        List.of("error.expected.jsstring"))));
            }
            result.add(ids.get(i).stringValue());
        }
        return result;
    }

    @GetMapping("/v2/apps/**")
    @IdPath("tasks")
    public ResponseEntity<byte[]> appTasks(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        PathId appId = PathId.of(id);
        App app = existingApp(appId);
        List<Instance> ofApp = instances.of(appId);
        if (wantsText(accept)) {
            return text(EndpointsRenderer.render(List.of(app), ignored -> ofApp));
        }
        return JsonResponses.ok(Map.of("tasks", ofApp.stream().filter(TaskRenderer::isTask)
                .sorted(Comparator.comparing(Instance::taskId)).map(TaskRenderer::render).toList()));
    }

    /** Kills every task of the app, or those on {@code host}. */
    @DeleteMapping("/v2/apps/**")
    @IdPath("tasks")
    public ResponseEntity<byte[]> killAppTasks(@PathVariable String id, @RequestParam(required = false) String host,
            @RequestParam(defaultValue = "false") boolean scale, @RequestParam(defaultValue = "false") boolean wipe,
            @RequestParam(defaultValue = "false") boolean force) {
        refuseScaleAndWipe(scale, wipe);
        PathId appId = PathId.of(id);
        existingApp(appId);
        List<Instance> toKill = instances.of(appId).stream()
                .filter(i -> TaskRenderer.isTask(i) && (host == null || host.equals(i.host()))).toList();
        if (scale) {
            return JsonResponses.deployed(killAndScale(toKill, force));
        }
        return JsonResponses.ok(Map.of("tasks", kill(toKill)));
    }

    @DeleteMapping("/v2/apps/**")
    @IdPath("tasks/{taskId}")
    public ResponseEntity<byte[]> killTask(@PathVariable String id, @PathVariable String taskId,
            @RequestParam(defaultValue = "false") boolean scale, @RequestParam(defaultValue = "false") boolean wipe,
            @RequestParam(defaultValue = "false") boolean force) {
        refuseScaleAndWipe(scale, wipe);
        PathId appId = PathId.of(id);
        existingApp(appId);
        Instance instance = instances.byTaskId(taskId)
                .filter(i -> i.appId().equals(appId) && TaskRenderer.isTask(i))
                .orElseThrow(() -> MarathonFailure.notFound("Task '" + taskId + "' does not exist"));
        if (scale) {
            return JsonResponses.deployed(killAndScale(List.of(instance), force));
        }
        List<MarathonTask> killed = kill(List.of(instance));
        return JsonResponses.ok(Map.of("task", killed.isEmpty() ? TaskRenderer.render(instance) : killed.getFirst()));
    }

    private App existingApp(PathId appId) {
        return groups.root().app(appId).orElseThrow(() -> AppChanges.unknownApp(appId));
    }

    private static void refuseScaleAndWipe(boolean scale, boolean wipe) {
        if (scale && wipe) {
            throw MarathonFailure.of(MarathonFailure.Kind.BAD_REQUEST,
                    "You cannot use scale and wipe at the same time.");
        }
    }

    private List<MarathonTask> kill(List<Instance> toKill) {
        if (toKill.isEmpty()) {
            return List.of();
        }
        return killer.kill(toKill.stream().map(Instance::instanceId).toList()).stream().map(TaskRenderer::render)
                .toList();
    }

    private DeploymentPlan killAndScale(List<Instance> toKill, boolean force) {
        Map<PathId, List<String>> sentenced = new LinkedHashMap<>();
        toKill.forEach(i -> sentenced.computeIfAbsent(i.appId(), id -> new ArrayList<>()).add(i.instanceId()));
        Map<PathId, Integer> counts = new LinkedHashMap<>();
        sentenced.forEach((app, ids) -> counts.put(app, ids.size()));
        return scalingKiller.killAndScale(targetRoots.change(AppChanges.scaleDown(counts)), sentenced, force);
    }
}
