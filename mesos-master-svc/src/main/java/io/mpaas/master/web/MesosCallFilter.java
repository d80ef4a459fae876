package io.mpaas.master.web;

import io.mpaas.master.MasterError;
import io.mpaas.master.agent.AgentCalls;
import io.mpaas.master.agent.AgentLinkController;
import io.mpaas.master.framework.SchedulerApiController;
import io.mpaas.master.framework.SchedulerCalls;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.security.BasicCredentials;
import io.mpaas.master.security.FrameworkAuthorizer;
import io.mpaas.master.security.SecurityProperties;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.mesos.scheduler.Call;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Answers the calls that come by the thousand, the non-SUBSCRIBE calls of the scheduler API (ACCEPT,
 * ACKNOWLEDGE, ...) and of the agent link (status UPDATEs), here, in front of Spring Security's filter
 * chain and Spring MVC's dispatch. Each launched task costs four such requests (STARTING and RUNNING
 * from its agent, two acknowledgements from its framework), and the launch benchmark found the layers
 * around the handlers costing several times the handlers themselves. The checks, their order and
 * the answers are those of {@link SchedulerApiController} and the agent link's controller, which
 * share the parsing and validation with this filter: leadership (307/503), content type and body
 * (400/415), validation (400), authentication (401), then the call.
 *
 * <p>What this filter does not answer goes on down the chain as before: other paths and methods,
 * SUBSCRIBE (with the body it read replayed), and any request whose {@code Authorization} header is
 * not valid Basic credentials (the chain answers those 401, or ignores a scheme it does not know).
 * It runs after the agents' admission filter, so agents' updates still take an admission permit.
 */
@Component
public class MesosCallFilter implements Filter, Ordered {

    /** After {@code AgentAdmission} (HIGHEST_PRECEDENCE + 10), long before Spring Security (-100). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final LeaderGate gate;
    private final BasicCredentials credentials;
    private final FrameworkAuthorizer authorizer;
    private final SchedulerCalls schedulerCalls;
    private final AgentCalls agentCalls;
    private final SecurityProperties security;

    public MesosCallFilter(LeaderGate gate, BasicCredentials credentials, FrameworkAuthorizer authorizer,
            SchedulerCalls schedulerCalls, AgentCalls agentCalls, SecurityProperties security) {
        this.gate = gate;
        this.credentials = credentials;
        this.authorizer = authorizer;
        this.schedulerCalls = schedulerCalls;
        this.agentCalls = agentCalls;
        this.security = security;
    }

    /** The endpoints this filter answers. */
    enum Endpoint {
        SCHEDULER, AGENT;

        /** The endpoint of a request URI, or null. */
        static Endpoint of(String uri) {
            return switch (uri) {
                case "/api/v1/scheduler", "/master/api/v1/scheduler" -> SCHEDULER;
                case "/api/v1/agent", "/master/api/v1/agent" -> AGENT;
                default -> null;
            };
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !"POST".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        Endpoint endpoint = Endpoint.of(request.getRequestURI());
        if (endpoint == null) {
            chain.doFilter(req, res);
            return;
        }
        String principal = null;
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            principal = credentials.principal(authorization).orElse(null);
            if (principal == null) {
                chain.doFilter(req, res);
                return;
            }
        }
        try {
            // Only the leader answers; whether the call must also wait for the registry read depends on the call.
            if (MesosRequests.redirectedOrUnavailable(gate, false, request, response)) {
                return;
            }
            byte[] body = MesosRequests.readBody(request);
            boolean answered = endpoint == Endpoint.SCHEDULER ? schedulerCall(request, response, body, principal)
                    : agentCall(request, response, body, principal);
            if (!answered) {
                chain.doFilter(new ReplayedBody(request, body), response);
            }
        } catch (MasterError | MesosRequests.UnsupportedMediaType e) {
            if (response.isCommitted()) {
                throw e;
            }
            MesosErrorAdvice.write(response, e);
        }
    }

    /** A scheduler call; false for SUBSCRIBE, which the controller answers. */
    private boolean schedulerCall(HttpServletRequest request, HttpServletResponse response, byte[] body,
            String authenticated) throws IOException {
        Call call = SchedulerApiController.readCall(body);
        String principal = authorizer.authenticatedPrincipal(authenticated);
        if (call.type() == Call.Type.SUBSCRIBE) {
            return false;
        }
        if (MesosRequests.redirectedOrUnavailable(gate, true, request, response)) {
            return true;
        }
        schedulerCalls.handle(call, request.getHeader("Mesos-Stream-Id"), principal);
        response.setStatus(call.type() == Call.Type.UPDATE_FRAMEWORK ? HttpServletResponse.SC_OK
                : HttpServletResponse.SC_ACCEPTED);
        return true;
    }

    /** An agent's call; false for SUBSCRIBE, which the agent link's controller answers. */
    private boolean agentCall(HttpServletRequest request, HttpServletResponse response, byte[] body,
            String principal) throws IOException {
        AgentCall call = AgentLinkController.readCall(body);
        if (security.agentsMustAuthenticate() && principal == null) {
            throw new MasterError(MasterError.Code.UNAUTHENTICATED, "Agent authentication is required");
        }
        if (call.type() == AgentCall.Type.SUBSCRIBE) {
            return false;
        }
        if (MesosRequests.redirectedOrUnavailable(gate, true, request, response)) {
            return true;
        }
        agentCalls.handle(call, request.getHeader("Mesos-Stream-Id"));
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        return true;
    }
}
