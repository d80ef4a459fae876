package io.mpaas.master.agent;

import io.mpaas.master.ha.LeaderGate;
import io.mpaas.master.web.ReplayedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only a few agent-link requests at a time past HTTP parsing. After a failover every agent
 * of the cluster comes back within a second or two; admitted all at once, thousands of requests
 * would be runnable together and the few frameworks, whose offers wait on them, would queue
 * behind them for seconds. Waiting agents park here at no cost; a re-registration gives its
 * permit back as soon as it is registered (not when its stream ends), other calls when answered.
 *
 * <p>A permit holder must not wait for anything else: every wait puts its (virtual) thread back at
 * the end of a run queue that, during such a flood, holds thousands of newly arrived requests, so
 * each wait of a holder costs every waiting agent that long. So before a request takes a permit it
 * has its body read (the body may come in a later packet than the headers) and, on a leader still
 * reading its registry, waits for the read to end. And a released permit goes to whichever request
 * asks next, not to the longest waiter (which would first have to get to the end of that queue).
 */
@Component
public class AgentAdmission extends OncePerRequestFilter implements Ordered {

    /** Request attribute: a Runnable that gives the permit back (idempotent). */
    public static final String RELEASE = AgentAdmission.class.getName() + ".release";

    /** Agent requests processed at once: enough to keep the cores busy, few enough to leave room for others. */
    static final int PERMITS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** Bodies larger than this are not read ahead (the controller refuses them anyway). */
    static final int MAX_READ_AHEAD = 1 << 20;

    private final Semaphore permits = new Semaphore(PERMITS, false);
    private final LeaderGate gate;

    public AgentAdmission(LeaderGate gate) {
        this.gate = gate;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !(uri.equals("/api/v1/agent") || uri.equals("/master/api/v1/agent"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest admitted = withBodyRead(request);
        gate.awaitRecoveryIfLeading();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Master is shutting down");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        request.setAttribute(RELEASE, release);
        try {
            chain.doFilter(admitted, response);
        } finally {
            release.run();
        }
    }

    /** The request with its body already read into memory (small bodies only; others as they are). */
    static HttpServletRequest withBodyRead(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length < 0 || length > MAX_READ_AHEAD) {
            return request;
        }
        byte[] body = request.getInputStream().readNBytes((int) length);
        return new ReplayedBody(request, body);
    }

    /** Gives the request's permit back early (a registered agent about to stream). */
    static void release(HttpServletRequest request) {
        if (request.getAttribute(RELEASE) instanceof Runnable release) {
            release.run();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
