package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.stream.EventStream;
import io.mpaas.master.web.MesosRequests;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.master.OperatorCall;
import io.mpaas.protocol.mesos.master.OperatorEvent;
import io.mpaas.protocol.mesos.master.OperatorResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1} (and {@code /master/api/v1}): Mesos's operator API, JSON only. Checks in
 * Mesos's order: 307/503 off the leader, 405 for other methods, 400/415 on the body, 400 on
 * validation, 406 when the client does not accept JSON; then 401 for a change without credentials.
 * Read calls answer 200 with a body; changes 200 empty; SUBSCRIBE keeps the response open as a
 * RecordIO stream of operator events.
 */
@RestController
public class OperatorApiController {

    private final LeaderGate gate;
    private final OperatorQueries queries;
    private final OperatorCommands commands;
    private final OperatorSubscribers subscribers;
    private final OperatorProperties properties;

    public OperatorApiController(LeaderGate gate, OperatorQueries queries, OperatorCommands commands,
            OperatorSubscribers subscribers, OperatorProperties properties) {
        this.gate = gate;
        this.queries = queries;
        this.commands = commands;
        this.subscribers = subscribers;
        this.properties = properties;
    }

    @RequestMapping({"/api/v1", "/master/api/v1"})
    public void api(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MesosRequests.redirectedOrUnavailable(gate, true, request, response)
                || MesosRequests.rejectedMethod(request, response, "POST")) {
            return;
        }
        JsonNode body = MesosRequests.readJson(request, "Call");
        OperatorCall call = MesosRequests.convert(body, OperatorCall.class, "Call");
        Optional<String> invalid = OperatorCallValidator.validate(body, call);
        if (invalid.isPresent()) {
            throw MasterError.badRequest("Failed to validate master::Call: " + invalid.get());
        }
        if (!MesosRequests.acceptsJson(request)) {
            MesosRequests.writePlain(response, HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "Expecting 'Accept' to allow 'application/json'");
            return;
        }
        if (call.type() == OperatorCall.Type.SUBSCRIBE) {
            subscribe(response);
            return;
        }
        if (OperatorCommands.SUPPORTED.contains(call.type())) {
            commands.carryOut(call, ClusterSettingsController.operator(request));
            OperatorHttp.ok(response);
            return;
        }
        Optional<OperatorResponse> answer = queries.answer(call);
        if (answer.isEmpty()) {
            MesosRequests.writePlain(response, HttpServletResponse.SC_NOT_IMPLEMENTED,
                    "Call type " + call.type() + " is not implemented by this master");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setBufferSize(64 * 1024);
        MesosJson.mapper().writeValue(response.getOutputStream(), answer.get());
    }

    /** One RecordIO record per chunk, flushed; {@code Content-Type: application/json} exactly. */
    private void subscribe(HttpServletResponse response) throws IOException {
        EventStream<Supplier<OperatorEvent>> stream = subscribers.subscribe();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-cache");
        response.setBufferSize(properties.streamBufferBytes());
        response.flushBuffer();
        stream.serve(response.getOutputStream());
    }
}
