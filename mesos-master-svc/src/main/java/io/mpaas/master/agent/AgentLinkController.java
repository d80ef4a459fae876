package io.mpaas.master.agent;

import io.mpaas.master.MasterError;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.security.SecurityProperties;
import io.mpaas.master.stream.EventStream;
import io.mpaas.master.stream.NonBlockingStreams;
import io.mpaas.master.web.MesosRequests;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.MesosJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/agent}: the agents' link. SUBSCRIBE (register or re-register) answers 200
 * and keeps the response open as the agent's RecordIO event stream, which works through NAT
 * because the agent dials out; the agent's other calls answer 202. A standby redirects with 307.
 * The stream is served on a connection released by the HTTP container
 * ({@link NonBlockingStreams#serveOnReleasedConnection}): an open link holds no thread and none of the
 * container's request state.
 */
@RestController
public class AgentLinkController {

    private final LeaderGate gate;
    private final AgentRegistrar registrar;
    private final AgentCalls calls;
    private final SecurityProperties security;
    private final AgentLinkProperties properties;
    private final NonBlockingStreams streams;

    public AgentLinkController(LeaderGate gate, AgentRegistrar registrar, AgentCalls calls,
            SecurityProperties security, AgentLinkProperties properties, NonBlockingStreams streams) {
        this.gate = gate;
        this.registrar = registrar;
        this.calls = calls;
        this.security = security;
        this.properties = properties;
        this.streams = streams;
    }

    @RequestMapping({"/api/v1/agent", "/master/api/v1/agent"})
    public void agent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MesosRequests.redirectedOrUnavailable(gate, true, request, response)
                || MesosRequests.rejectedMethod(request, response)) {
            return;
        }
        AgentCall call = readCall(MesosRequests.readBody(request));
        if (security.agentsMustAuthenticate() && request.getUserPrincipal() == null) {
            throw new MasterError(MasterError.Code.UNAUTHENTICATED, "Agent authentication is required");
        }
        if (call.type() != AgentCall.Type.SUBSCRIBE) {
            calls.handle(call, request.getHeader("Mesos-Stream-Id"));
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        EventStream<AgentEvent> link = new EventStream<>(UUID.randomUUID().toString(), MesosJson::write, null,
                properties.pingInterval(), properties.linkQueueCapacity());
        try {
            registrar.subscribe(call.subscribe(), link, request.getRemoteAddr());
        } finally {
            AgentAdmission.release(request);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Mesos-Stream-Id", link.id());
        response.setHeader("Cache-Control", "no-cache");
        streams.serveOnReleasedConnection(link, request, response);
    }

    /**
     * The body as an agent's call, validated.
     *
     * @throws MasterError BAD_REQUEST when it does not parse or validate
     */
    public static AgentCall readCall(byte[] body) {
        AgentCall call = MesosRequests.readCall(body, AgentCall.class, "agent Call");
        var invalid = AgentCalls.validate(call);
        if (invalid.isPresent()) {
            throw MasterError.badRequest("Failed to validate agent Call: " + invalid.get());
        }
        return call;
    }
}
