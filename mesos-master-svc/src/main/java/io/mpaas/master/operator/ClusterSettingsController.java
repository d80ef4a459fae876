package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.web.MesosRequests;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import io.mpaas.protocol.mesos.master.QuotaRequest;
import io.mpaas.protocol.mesos.master.WeightInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Mesos's v0 endpoints that change the cluster's configuration: {@code /master/teardown},
 * {@code /master/weights}, {@code /master/quota} and {@code /master/maintenance/schedule}, with
 * Mesos's request bodies, methods and messages. Changes need an authenticated operator (the
 * security configuration asks for credentials; this checks again) and go to the leader only.
 */
@RestController
public class ClusterSettingsController {

    /** Configuration bodies are small; anything larger is refused unread. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final LeaderGate gate;
    private final WeightUpdater weights;
    private final QuotaUpdater quotas;
    private final MaintenanceUpdater maintenance;
    private final FrameworkTeardown teardown;
    private final StateReader reader;

    public ClusterSettingsController(LeaderGate gate, WeightUpdater weights, QuotaUpdater quotas,
            MaintenanceUpdater maintenance, FrameworkTeardown teardown, StateReader reader) {
        this.gate = gate;
        this.weights = weights;
        this.quotas = quotas;
        this.maintenance = maintenance;
        this.teardown = teardown;
        this.reader = reader;
    }

    /** POST with a form body {@code frameworkId=<id>}. */
    @RequestMapping({"/master/teardown", "/teardown"})
    public void teardown(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MesosRequests.redirectedOrUnavailable(gate, true, request, response)
                || MesosRequests.rejectedMethod(request, response, "POST")) {
            return;
        }
        String body = new String(body(request), StandardCharsets.UTF_8);
        String frameworkId = formValue(body, "frameworkId");
        if (frameworkId == null) {
            throw MasterError.badRequest("Missing 'frameworkId' query parameter in the request body");
        }
        teardown.teardown(FrameworkId.of(frameworkId), operator(request));
        OperatorHttp.ok(response);
    }

    /** GET: {@code [{"weight":2.0,"role":"web"}]}; PUT: the same array, for the roles to change. */
    @RequestMapping({"/master/weights", "/weights"})
    public void weights(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MesosRequests.redirectedOrUnavailable(gate, !"GET".equals(request.getMethod()), request, response)
                || MesosRequests.rejectedMethod(request, response, "GET", "PUT")) {
            return;
        }
        if ("GET".equals(request.getMethod())) {
            String callback = OperatorHttp.callback(request);
            var current = V1Assembler.weights(reader.cluster().locked(() -> reader.cluster().weights()));
            OperatorHttp.json(response, callback, w -> w.generator().writePOJO(current.weightInfos()));
            return;
        }
        operator(request);
        String body = new String(body(request), StandardCharsets.UTF_8);
        JsonNode array;
        try {
            array = MesosJson.read(body, JsonNode.class);
        } catch (IllegalArgumentException e) {
            throw MasterError.badRequest("Failed to parse update weights request JSON '" + body + "': "
                    + e.getMessage());
        }
        if (array == null || !array.isArray()) {
            throw MasterError.badRequest("Failed to parse update weights request JSON '" + body
                    + "': expected a JSON array");
        }
        List<WeightInfo> infos;
        try {
            infos = MesosJson.mapper().treeToValue(array, new TypeReference<List<WeightInfo>>() { });
        } catch (JacksonException e) {
            throw MasterError.badRequest("Failed to convert weights JSON array to protobuf '" + body + "': "
                    + e.getOriginalMessage());
        }
        weights.update(infos);
        OperatorHttp.ok(response);
    }

    /** GET: the quota status; POST: a legacy quota request; DELETE {@code /master/quota/<role>}. */
    @RequestMapping({"/master/quota", "/quota", "/master/quota/**", "/quota/**"})
    public void quota(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (MesosRequests.redirectedOrUnavailable(gate, !"GET".equals(method), request, response)
                || MesosRequests.rejectedMethod(request, response, "GET", "POST", "DELETE")) {
            return;
        }
        switch (method) {
            case "GET" -> {
                String callback = OperatorHttp.callback(request);
                var status = quotas.status();
                OperatorHttp.json(response, callback, w -> w.generator().writePOJO(status));
                return;
            }
            case "POST" -> {
                operator(request);
                String body = new String(body(request), StandardCharsets.UTF_8);
                QuotaRequest quota;
                try {
                    quota = MesosJson.read(body, QuotaRequest.class);
                } catch (IllegalArgumentException e) {
                    throw MasterError.badRequest("Failed to parse set quota request JSON '" + body + "': "
                            + e.getMessage());
                }
                if (quota == null) {
                    throw MasterError.badRequest("Failed to parse set quota request JSON '" + body
                            + "': expected a JSON object");
                }
                quotas.set(quota);
            }
            default -> {
                operator(request);
                String path = request.getRequestURI();
                // Mesos splits the path into at most three tokens, so a nested role keeps its slashes.
                List<String> tokens = Arrays.stream(path.split("/", 0)).filter(t -> !t.isEmpty()).toList();
                String prefix = path.startsWith("/master/") ? "/master/quota/" : "/quota/";
                if (!path.startsWith(prefix) || path.length() == prefix.length()) {
                    throw MasterError.badRequest("Failed to parse remove quota request for path '" + path
                            + "': expected 3 tokens, found " + tokens.size() + " tokens");
                }
                String role = URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
                quotas.remove(role, path);
            }
        }
        OperatorHttp.ok(response);
    }

    /** GET: the schedule; POST: a new schedule, replacing the old one. */
    @RequestMapping({"/master/maintenance/schedule", "/maintenance/schedule"})
    public void maintenanceSchedule(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (MesosRequests.redirectedOrUnavailable(gate, !"GET".equals(method), request, response)
                || MesosRequests.rejectedMethod(request, response, "GET", "POST")) {
            return;
        }
        if ("GET".equals(method)) {
            String callback = OperatorHttp.callback(request);
            MaintenanceSchedule schedule = maintenance.schedule();
            OperatorHttp.json(response, callback, w -> w.generator().writePOJO(schedule));
            return;
        }
        operator(request);
        MaintenanceSchedule schedule;
        try {
            schedule = MesosJson.read(body(request), MaintenanceSchedule.class);
        } catch (IllegalArgumentException e) {
            throw MasterError.badRequest("Failed to parse maintenance schedule: " + e.getMessage());
        }
        maintenance.update(schedule);
        OperatorHttp.ok(response);
    }

    /** The authenticated operator; the security configuration already refused anonymous changes. */
    static String operator(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            throw new MasterError(MasterError.Code.UNAUTHENTICATED, "Authentication required");
        }
        return principal.getName();
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw MasterError.badRequest("Request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /** A value of an {@code application/x-www-form-urlencoded} body, however the request was labelled. */
    static String formValue(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
