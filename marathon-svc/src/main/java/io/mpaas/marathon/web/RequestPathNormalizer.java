package io.mpaas.marathon.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes Marathon's three spellings of an id one path before anything else looks at the request:
 * {@code /v2/apps//group/app} and {@code /v2/apps/%2Fgroup%2Fapp} become {@code /v2/apps/group/app}.
 * Clients really send all three. Without this, Spring Security's firewall rejects a doubled slash or
 * an encoded one as "not normalized" before routing could accept it. Tomcat must pass encoded slashes
 * through instead of rejecting them itself (see {@link WebConfiguration}).
 */
public class RequestPathNormalizer extends OncePerRequestFilter {

    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[fF]");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri.contains("//") || ENCODED_SLASH.matcher(uri).find()) {
            chain.doFilter(new Normalized(request), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** {@code //} and {@code %2F} in a path become one {@code /}; null stays null. */
    static String normalize(String path) {
        if (path == null) {
            return null;
        }
        return SLASHES.matcher(ENCODED_SLASH.matcher(path).replaceAll("/")).replaceAll("/");
    }

    /** The request with its path normalized everywhere the servlet API exposes it. */
    private static final class Normalized extends HttpServletRequestWrapper {

        Normalized(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getRequestURI() {
            return normalize(super.getRequestURI());
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = super.getRequestURL();
            String raw = super.getRequestURI();
            int at = url.lastIndexOf(raw);
            if (at >= 0) {
                url.replace(at, at + raw.length(), normalize(raw));
            }
            return url;
        }

        @Override
        public String getServletPath() {
            return normalize(super.getServletPath());
        }

        @Override
        public String getPathInfo() {
            return normalize(super.getPathInfo());
        }
    }
}
