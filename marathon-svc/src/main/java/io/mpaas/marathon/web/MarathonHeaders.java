package io.mpaas.marathon.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers Marathon puts on every response: no caching (the state behind every endpoint
 * changes at any time, and a cached {@code /v2/apps} in a proxy or browser shows tasks that are long
 * gone) and the two framing/XSS headers of its leader responses. Set before the handler runs, so a
 * handler that knows better (the UI's static files) can still override them.
 */
public class MarathonHeaders extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-XSS-Protection", "1; mode=block");
        chain.doFilter(request, response);
    }
}
