package io.mpaas.marathon.group;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.AppEmbed;
import io.mpaas.marathon.app.AppInfoAssembler;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.app.TargetRoots;
import io.mpaas.marathon.deployment.Deployer;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.web.IdPath;
import io.mpaas.marathon.web.InvalidJson;
import io.mpaas.marathon.web.JsonRequests;
import io.mpaas.marathon.web.JsonResponses;
import io.mpaas.protocol.marathon.Group;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/groups}: the tree of groups and apps, its versions, and changes to whole groups. The
 * root is {@code /v2/groups} itself; every path also works with a group id after it.
 */
@RestController
public class GroupController {

    private final GroupRepository groups;
    private final Deployer deployer;
    private final TargetRoots targetRoots;
    private final DeploymentPreview preview;
    private final AppInfoAssembler infos;
    private final Clock clock;

    public GroupController(GroupRepository groups, Deployer deployer, TargetRoots targetRoots,
            DeploymentPreview preview, AppInfoAssembler infos, Clock clock) {
        this.groups = groups;
        this.deployer = deployer;
        this.targetRoots = targetRoots;
        this.preview = preview;
        this.infos = infos;
        this.clock = clock;
    }

    @GetMapping("/v2/groups/**")
    @IdPath
    public ResponseEntity<byte[]> show(@PathVariable String id,
            @RequestParam(name = "embed", required = false) List<String> embed) {
        PathId groupId = PathId.of(id);
        RootGroup root = groups.root();
        if (!root.hasGroup(groupId)) {
            throw GroupChanges.unknownGroup(groupId);
        }
        GroupEmbeds embeds = GroupEmbeds.parse(embed);
        return JsonResponses.ok(GroupRenderer.render(root, groupId, embeds, infos.forMany(embeds.appEmbeds())));
    }

    /** Versions of the root in which the group existed, newest first, as a bare array. */
    @GetMapping("/v2/groups/**")
    @IdPath("versions")
    public ResponseEntity<byte[]> versions(@PathVariable String id) {
        PathId groupId = PathId.of(id);
        if (!groups.root().hasGroup(groupId)) {
            throw GroupChanges.unknownGroup(groupId);
        }
        List<Instant> versions = groupId.isRoot() ? groups.rootVersions() : groups.rootVersions().stream()
                .filter(v -> groups.rootVersion(v).map(root -> root.hasGroup(groupId)).orElse(false)).toList();
        return JsonResponses.ok(versions.stream().map(MarathonTime::format).toList());
    }

    /** The group as it was in one root version, apps as plain definitions. */
    @GetMapping("/v2/groups/**")
    @IdPath("versions/{version}")
    public ResponseEntity<byte[]> version(@PathVariable String id, @PathVariable String version) {
        PathId groupId = PathId.of(id);
        RootGroup root = rootVersion(groupId, version);
        return JsonResponses.ok(GroupRenderer.render(root, groupId, GroupEmbeds.DEFAULT,
                infos.forOne(EnumSet.noneOf(AppEmbed.class))));
    }

    private RootGroup rootVersion(PathId groupId, String version) {
        MarathonFailure unknown = MarathonFailure.notFound("Group '" + groupId + "' does not exist in version "
                + version);
        Instant at;
        try {
            at = MarathonTime.parse(version);
        } catch (DateTimeParseException e) {
            throw unknown;
        }
        return groups.rootVersion(at).filter(root -> root.hasGroup(groupId)).orElseThrow(() -> unknown);
    }

    @PostMapping("/v2/groups/**")
    @IdPath
    public ResponseEntity<byte[]> create(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte[] body) {
        Group group = JsonRequests.convert(JsonRequests.parseObject(body), Group.class, "");
        PathId groupId = effectiveId(id, group);
        DeploymentPlan plan = deployer.deploy(targetRoots.change(GroupChanges.create(groupId, group)), force);
        return JsonResponses.created(plan, groupId.toString());
    }

    /**
     * Changes the group. Two bodies are special: {@code {"version": ...}} rolls the group back (and
     * wins over anything else in the body), {@code {"scaleBy": f}} multiplies every app's instances.
     * With {@code dryRun} nothing is deployed; the answer is the plan's steps.
     */
    @PutMapping("/v2/groups/**")
    @IdPath
    public ResponseEntity<byte[]> update(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force,
            @RequestParam(defaultValue = "false") boolean dryRun, @RequestBody(required = false) byte[] body) {
        Group group = JsonRequests.convert(JsonRequests.parseObject(body), Group.class, "");
        PathId groupId = effectiveId(id, group);
        BiFunction<RootGroup, Instant, RootGroup> edit;
        if (group.version() != null) {
            edit = GroupChanges.rollback(groupId, rootVersion(groupId, group.version()));
        } else if (group.scaleBy() != null) {
            edit = GroupChanges.scaleBy(groupId, group.scaleBy());
        } else {
            edit = GroupChanges.update(groupId, group);
        }
        if (dryRun) {
            return JsonResponses.ok(Map.of("steps", dryRun(edit).toWire(0).steps()));
        }
        return JsonResponses.deployed(deployer.deploy(targetRoots.change(edit), force));
    }

    /** The plan of the change against the current root, for a version just after it. */
    private DeploymentPlan dryRun(BiFunction<RootGroup, Instant, RootGroup> edit) {
        RootGroup root = groups.root();
        Instant now = clock.instant();
        Instant version = now.isAfter(root.version()) ? now : root.version().plusMillis(1);
        return preview.plan(root, targetRoots.change(edit).apply(root, version));
    }

    /** Changes a top-level group's settings only ({@code enforceRole}); restarts nothing. */
    @PatchMapping("/v2/groups/**")
    @IdPath
    public ResponseEntity<byte[]> patch(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte[] body) {
        Group group = JsonRequests.convert(JsonRequests.parseObject(body), Group.class, "");
        return JsonResponses.deployed(deployer.deploy(targetRoots.change(GroupChanges.patch(PathId.of(id), group)),
                force));
    }

    @DeleteMapping("/v2/groups/**")
    @IdPath
    public ResponseEntity<byte[]> delete(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
        return JsonResponses.deployed(deployer.deploy(targetRoots.change(GroupChanges.delete(PathId.of(id))), force));
    }

    /** The group a body is about: its {@code id}, relative to the path's, or the path's. */
    private static PathId effectiveId(String pathId, Group body) {
        PathId base = PathId.of(pathId);
        if (body.id() == null) {
            return base;
        }
        if (body.id().isBlank()) {
            throw InvalidJson.mismatched(List.of(new Violation("/id", List.of("error.path.missing"))));
        }
        return base.resolve(body.id());
    }
}
