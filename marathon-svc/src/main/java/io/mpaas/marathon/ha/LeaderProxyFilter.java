package io.mpaas.marathon.ha;

import io.mpaas.marathon.ha.LeaderRouter.Forward;
import io.mpaas.marathon.ha.LeaderRouter.Inbound;
import io.mpaas.marathon.ha.LeaderRouter.Redirect;
import io.mpaas.marathon.ha.LeaderRouter.Refuse;
import io.mpaas.marathon.ha.LeaderRouter.Route;
import io.mpaas.marathon.ha.LeaderRouter.Serve;
import io.mpaas.marathon.ha.LeaderRouter.Unknown;
import io.mpaas.protocol.marathon.MarathonError;
import io.mpaas.protocol.marathon.MarathonJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every instance answer for the leader: the leader serves and names itself in {@code X-Marathon-Leader}, a
 * standby forwards to the leader (or redirects the event stream there), as decided by {@link LeaderRouter}.
 * Registered after Spring Security's filter chain, so a standby turns away bad credentials itself and forwards
 * the good ones for the leader to check again.
 *
 * <p>Marathon's answers when the leader cannot be reached: 503 "Connection to leader refused.", 504 "Connection
 * to leader timed out.", and, after looking again {@code leader-retries} times, 503 "Could not determine the
 * current leader" (Marathon 1.4's status; 1.10 answers 502, which clients treat alike).
 */
final class LeaderProxyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LeaderProxyFilter.class);

    static final String REFUSED = "Connection to leader refused.";
    static final String TIMED_OUT = "Connection to leader timed out.";
    static final String NO_LEADER = "Could not determine the current leader";

    private final Leadership leadership;
    private final LeaderForwarder forwarder;
    private final LeaderProxyProperties properties;

    LeaderProxyFilter(Leadership leadership, LeaderForwarder forwarder, LeaderProxyProperties properties) {
        this.leadership = leadership;
        this.forwarder = forwarder;
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Inbound inbound = new Inbound(request.getMethod(), request.getScheme(),
                request.getRequestURI().substring(request.getContextPath().length()), request.getQueryString(),
                Collections.list(request.getHeaders(LeaderRouter.VIA_HEADER)));
        Route route = routeNow(inbound);
        for (int attempt = 0; route instanceof Unknown && attempt < properties.leaderRetries(); attempt++) {
            if (!pause()) {
                break;
            }
            route = routeNow(inbound);
        }
        switch (route) {
            case Serve serve -> {
                serve.leaderUrl().ifPresent(url -> response.setHeader(LeaderRouter.LEADER_HEADER, url));
                chain.doFilter(request, response);
            }
            case Forward forward -> forward(request, response, forward);
            case Redirect redirect -> {
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", redirect.location().toString());
            }
            case Refuse refuse -> error(response, refuse.status(), refuse.message());
            case Unknown unknown -> error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, NO_LEADER);
        }
    }

    private Route routeNow(Inbound inbound) {
        boolean leading = leadership.isLeader();
        return LeaderRouter.route(inbound,
                new LeaderRouter.View(leading, leadership.leaderHostPort(), leadership.self()));
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, Forward forward)
            throws IOException {
        try {
            forwarder.forward(request, response, forward.target(), leadership.self());
        } catch (ConnectException e) {
            log.warn("The leader at {} refused the connection: {}", forward.target().getAuthority(), e.toString());
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, REFUSED);
        } catch (HttpTimeoutException e) {
            log.warn("The leader at {} did not answer in time: {}", forward.target().getAuthority(), e.toString());
            error(response, HttpServletResponse.SC_GATEWAY_TIMEOUT, TIMED_OUT);
        } catch (IOException e) {
            if (response.isCommitted()) {
                throw e; // broke while streaming the answer: nothing left to tell the client
            }
            log.warn("Forwarding to the leader at {} failed: {}", forward.target().getAuthority(), e.toString());
            error(response, HttpServletResponse.SC_BAD_GATEWAY, "Error while proxying request to leader: "
                    + e.getMessage());
        }
    }

    /** Waits before looking for a leader again; false when interrupted (the request is being abandoned). */
    private boolean pause() {
        try {
            Thread.sleep(properties.leaderRetryInterval());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(MarathonJson.write(MarathonError.of(message))
                .getBytes(StandardCharsets.UTF_8));
    }
}
