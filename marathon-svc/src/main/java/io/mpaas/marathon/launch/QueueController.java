package io.mpaas.marathon.launch;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.launch.QueueView.QueueEntry;
import io.mpaas.marathon.web.IdPath;
import io.mpaas.marathon.web.JsonResponses;
import io.mpaas.protocol.marathon.QueueItem;
import io.mpaas.protocol.marathon.QueueItem.RejectSummary;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Scalar;
import io.mpaas.protocol.mesos.Text;
import io.mpaas.protocol.mesos.ValueSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/queue}: apps waiting for offers, why offers do not fit, and resetting a backoff. */
@RestController
public class QueueController {

    /**
     * The order in which offers are checked, Marathon's: an offer that fails a check never reaches
     * the later ones, so each reason's {@code processed} is what the earlier ones let through.
     */
    static final List<String> REASONS = List.of("UnfulfilledRole", "UnfulfilledConstraint",
            "NoCorrespondingReservationFound", "AgentMaintenance", "InsufficientCpus", "InsufficientMemory",
            "InsufficientDisk", "InsufficientGpus", "InsufficientPorts", "DeclinedScarceResources");

    private final QueueView queue;
    private final Clock clock;

    public QueueController(QueueView queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @GetMapping("/v2/queue")
    public ResponseEntity<byte[]> list(@RequestParam(name = "embed", required = false) List<String> embed) {
        boolean lastUnusedOffers = embed != null && embed.contains("lastUnusedOffers");
        Instant now = clock.instant();
        List<QueueItem> items = queue.entries().stream()
                .sorted(Comparator.comparing((QueueEntry e) -> e.app().id()))
                .map(entry -> item(entry, now, lastUnusedOffers)).toList();
        return JsonResponses.ok(Map.of("queue", items));
    }

    private static QueueItem item(QueueEntry entry, Instant now, boolean lastUnusedOffers) {
        boolean overdue = entry.delayUntil() == null || !entry.delayUntil().isAfter(now);
        long timeLeft = overdue ? 0 : (long) Math.ceil(Duration.between(now, entry.delayUntil()).toMillis() / 1000.0);
        List<RejectSummary> rejects = rejectSummary(entry.processedOffers(), entry.rejections());
        return new QueueItem(entry.app(), entry.count(), new QueueItem.Delay(timeLeft, overdue),
                MarathonTime.format(entry.since()),
                new QueueItem.ProcessedOffersSummary(entry.processedOffers(), entry.unusedOffers(),
                        MarathonTime.format(entry.lastUnusedOfferAt()), MarathonTime.format(entry.lastUsedOfferAt()),
                        rejects, rejects),
                lastUnusedOffers ? entry.lastUnusedOffers().stream().map(QueueController::unused).toList() : null,
                entry.role());
    }

    /**
     * One unused offer as Marathon shows it: {@code {offer: {id, agentId, hostname, resources, attributes}, timestamp,
     * reason}}, values as plain numbers, ranges and sets.
     */
    private static Object unused(UnusedOffer unused) {
        Offer offer = unused.offer();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", offer.id() == null ? null : offer.id().value());
        shown.put("agentId", offer.agentId() == null ? null : offer.agentId().value());
        shown.put("hostname", offer.hostname());
        shown.put("resources", offer.resources().stream().map(r -> {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("name", r.name());
            resource.put("role", r.role() == null ? "*" : r.role());
            putValue(resource, r.scalar(), r.ranges(), r.set(), null);
            return resource;
        }).toList());
        shown.put("attributes", offer.attributes().stream().map(a -> {
            Map<String, Object> attribute = new LinkedHashMap<>();
            attribute.put("name", a.name());
            putValue(attribute, a.scalar(), a.ranges(), a.set(), a.text());
            return attribute;
        }).toList());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("offer", shown);
        result.put("timestamp", MarathonTime.format(unused.at()));
        result.put("reason", unused.reasons());
        return result;
    }

    private static void putValue(Map<String, Object> into, Scalar scalar, Ranges ranges, ValueSet set, Text text) {
        if (scalar != null) {
            into.put("scalar", scalar.value());
        }
        if (ranges != null) {
            into.put("ranges", ranges.range().stream().map(r -> Map.of("begin", r.begin(), "end", r.end())).toList());
        }
        if (set != null) {
            into.put("set", set.item());
        }
        if (text != null) {
            into.put("text", text.value());
        }
    }

    /** Every known reason in check order, then any other reason the matcher reported. */
    static List<RejectSummary> rejectSummary(long processed, Map<String, Integer> rejections) {
        Set<String> reasons = new LinkedHashSet<>(REASONS);
        rejections.keySet().stream().sorted().forEach(reasons::add);
        List<RejectSummary> result = new ArrayList<>();
        long reaching = processed;
        for (String reason : reasons) {
            long declined = rejections.getOrDefault(reason, 0);
            result.add(new RejectSummary(reason, declined, Math.max(0, reaching)));
            reaching -= declined;
        }
        return result;
    }

    /** Launching resumes at once; 404 when the app waits for nothing. */
    @DeleteMapping("/v2/queue/**")
    @IdPath("delay")
    public ResponseEntity<Void> resetDelay(@PathVariable String id) {
        PathId appId = PathId.of(id);
        if (!queue.resetDelay(appId)) {
            throw MarathonFailure.notFound("application " + appId + " not found in task queue");
        }
        return ResponseEntity.noContent().build();
    }
}
