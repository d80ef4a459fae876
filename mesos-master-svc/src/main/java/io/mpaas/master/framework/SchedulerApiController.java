package io.mpaas.master.framework;

import io.mpaas.master.MasterError;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.security.FrameworkAuthorizer;
import io.mpaas.master.stream.EventStream;
import io.mpaas.master.web.MesosRequests;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/scheduler}: Mesos's v1 scheduler HTTP API. SUBSCRIBE answers 200 and keeps
 * the response open as the framework's RecordIO event stream; every other call answers 202
 * (UPDATE_FRAMEWORK 200) with an empty body once it is queued. Status codes and messages follow
 * Mesos's handler, in its order: 307/503, 405, 400/415 on the body, 400 on validation, then the
 * framework's standing.
 */
@RestController
public class SchedulerApiController {

    private final LeaderGate gate;
    private final FrameworkLifecycle lifecycle;
    private final SchedulerCalls calls;
    private final FrameworkAuthorizer authorizer;
    private final SchedulerApiProperties properties;

    public SchedulerApiController(LeaderGate gate, FrameworkLifecycle lifecycle, SchedulerCalls calls,
            FrameworkAuthorizer authorizer, SchedulerApiProperties properties) {
        this.gate = gate;
        this.lifecycle = lifecycle;
        this.calls = calls;
        this.authorizer = authorizer;
        this.properties = properties;
    }

    @RequestMapping({"/api/v1/scheduler", "/master/api/v1/scheduler"})
    public void scheduler(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MesosRequests.redirectedOrUnavailable(gate, false, request, response)
                || MesosRequests.rejectedMethod(request, response)) {
            return;
        }
        Call call = readCall(MesosRequests.readBody(request));
        // A SUBSCRIBE does not need the registry (frameworks are not in it), so right after an election
        // it is served while the registry is still read; other calls (reconciliation, say) wait for it.
        if (call.type() != Call.Type.SUBSCRIBE && MesosRequests.redirectedOrUnavailable(gate, true, request,
                response)) {
            return;
        }
        String principal = authorizer.authenticatedPrincipal(request);
        if (call.type() == Call.Type.SUBSCRIBE) {
            subscribe(call, principal, request, response);
            return;
        }
        calls.handle(call, request.getHeader("Mesos-Stream-Id"), principal);
        response.setStatus(call.type() == Call.Type.UPDATE_FRAMEWORK ? HttpServletResponse.SC_OK
                : HttpServletResponse.SC_ACCEPTED);
    }

    /**
     * The body as a call, validated as Mesos validates it.
     *
     * @throws MasterError BAD_REQUEST when it does not parse or validate
     */
    public static Call readCall(byte[] body) {
        Call call = MesosRequests.readCall(body, Call.class, "Call");
        // A type name this master does not know reads as absent; only then is the tree needed to name it.
        Optional<String> invalid = (call.type() == null ? unknownType(MesosRequests.parseJson(body, "Call"))
                : Optional.<String>empty()).or(() -> CallValidator.validate(call));
        if (invalid.isPresent()) {
            throw MasterError.badRequest("Failed to validate scheduler::Call: " + invalid.get());
        }
        return call;
    }

    private void subscribe(Call call, String principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (request.getHeader("Mesos-Stream-Id") != null) {
            throw MasterError.badRequest("Expecting 'Mesos-Stream-Id' to be absent on SUBSCRIBE");
        }
        if (!MesosRequests.acceptsJson(request)) {
            MesosRequests.writePlain(response, HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "Expecting 'Accept' to allow application/json");
            return;
        }
        var info = call.subscribe().frameworkInfo();
        authorizer.checkSubscribe(principal, info);
        EventStream<Event> stream = new EventStream<>(UUID.randomUUID().toString(), MesosJson::write,
                Event.HEARTBEAT, properties.heartbeatInterval(), properties.queueCapacity());
        lifecycle.subscribe(call.subscribe(), stream, principal);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Mesos-Stream-Id", stream.id());
        response.setHeader("Cache-Control", "no-cache");
        response.setBufferSize(properties.streamBufferBytes());
        response.flushBuffer();
        // Frameworks are few and their streams carry offers: they get platform threads, scheduled by
        // the OS next to the virtual threads, so that ten thousand agents re-registering at once
        // (after a failover) do not hold a framework's offers back in the virtual-thread queue.
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        var out = response.getOutputStream();
        Thread.ofPlatform().name("framework-stream-" + stream.id()).daemon().start(() -> {
            try {
                stream.serve(out);
            } finally {
                async.complete();
            }
        });
    }

    /** An unknown {@code type} name reads as absent; say which name it was. */
    private static Optional<String> unknownType(JsonNode body) {
        JsonNode type = body.get("type");
        if (type != null && type.isString()) {
            try {
                Call.Type.valueOf(type.asString());
            } catch (IllegalArgumentException e) {
                return Optional.of("Unknown call type '" + type.asString() + "'");
            }
        }
        return Optional.empty();
    }
}
