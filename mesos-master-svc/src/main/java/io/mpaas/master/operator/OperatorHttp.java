package io.mpaas.master.operator;

import io.mpaas.protocol.mesos.MesosJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;

/**
 * How the operator endpoints answer over HTTP, the way libprocess does: JSON streamed straight
 * from the generator to the socket (a 50 MB {@code /state} is never held in memory), optional
 * JSONP; the checks before an answer (307/503, 405) are {@link io.mpaas.master.web.MesosRequests}'s.
 */
final class OperatorHttp {

    /** JSONP callbacks are JavaScript names (dots allowed); anything else would be script injection. */
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

    /** Response buffer for large documents: fewer, larger chunks on the wire. */
    private static final int BUFFER_BYTES = 256 * 1024;

    private OperatorHttp() {
    }

    /** The {@code jsonp} parameter, checked; null when absent. */
    static String callback(HttpServletRequest request) {
        String jsonp = request.getParameter("jsonp");
        if (jsonp == null) {
            return null;
        }
        if (!CALLBACK.matcher(jsonp).matches()) {
            throw io.mpaas.master.MasterError.badRequest(
                    "Invalid 'jsonp' callback '" + jsonp + "': expected a JavaScript function name");
        }
        return jsonp;
    }

    /**
     * Streams a JSON document: {@code application/json}, or with JSONP {@code text/javascript}
     * and {@code callback(...)} around it, as libprocess does.
     */
    static void json(HttpServletResponse response, String callback, Consumer<V0Writer> body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(callback == null ? "application/json" : "text/javascript");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setBufferSize(BUFFER_BYTES);
        OutputStream out = response.getOutputStream();
        try (JsonGenerator g = MesosJson.mapper().createGenerator(out)) {
            if (callback != null) {
                g.writeRaw(callback + "(");
            }
            body.accept(new V0Writer(g));
            if (callback != null) {
                g.writeRaw(")");
            }
        }
    }

    /** 200 with an empty body, as Mesos answers a successful change. */
    static void ok(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
    }
}
