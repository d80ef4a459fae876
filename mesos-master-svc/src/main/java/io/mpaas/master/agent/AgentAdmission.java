package io.mpaas.master.agent;

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
 */
@Component
public class AgentAdmission extends OncePerRequestFilter implements Ordered {

    /** Request attribute: a Runnable that gives the permit back (idempotent). */
    public static final String RELEASE = AgentAdmission.class.getName() + ".release";

    /** Agent requests processed at once: enough to keep the cores busy, few enough to leave room for others. */
    static final int PERMITS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final Semaphore permits = new Semaphore(PERMITS, true);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !(uri.equals("/api/v1/agent") || uri.equals("/master/api/v1/agent"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
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
            chain.doFilter(request, response);
        } finally {
            release.run();
        }
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
