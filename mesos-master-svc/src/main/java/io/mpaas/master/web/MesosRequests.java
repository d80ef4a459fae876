package io.mpaas.master.web;

import io.mpaas.master.MasterError;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.protocol.mesos.MesosJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * What the Mesos call endpoints ({@code /api/v1/scheduler}, {@code /api/v1}, the agent link)
 * check the same way before they look at a call: leadership, method, media types, JSON.
 */
public final class MesosRequests {

    /** Bodies larger than this are refused rather than read into memory. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private MesosRequests() {
    }

    /**
     * Answers the request itself when this master must not serve it: 307 to the leader (path and
     * query kept, protocol-relative Location) or 503.
     *
     * @return true when the request was answered
     */
    public static boolean redirectedOrUnavailable(LeaderGate gate, boolean needsRecovery, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        LeaderGate.Verdict verdict = gate.check(needsRecovery);
        switch (verdict) {
            case LeaderGate.Serve s -> {
                return false;
            }
            case LeaderGate.Redirect r -> {
                response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
                response.setHeader("Location", r.location(pathAndQuery(request)));
                return true;
            }
            case LeaderGate.Unavailable u -> {
                writePlain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, u.message());
                return true;
            }
        }
    }

    public static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Answers 405 unless the request uses one of {@code allowed} (POST when none is given), with
     * libprocess's body ({@code 405 Method Not Allowed. Expecting one of { 'POST' }, but received
     * 'GET'.}) and {@code Allow}.
     *
     * @return true when the request was answered
     */
    public static boolean rejectedMethod(HttpServletRequest request, HttpServletResponse response, String... allowed)
            throws IOException {
        List<String> methods = allowed.length == 0 ? List.of("POST") : List.of(allowed);
        String method = request.getMethod();
        if (methods.contains(method)) {
            return false;
        }
        response.setHeader("Allow", String.join(", ", methods));
        writePlain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "405 Method Not Allowed. Expecting one of { '"
                + String.join("', '", methods) + "' }, but received '" + method + "'.");
        return true;
    }

    /**
     * Checks {@code Content-Type} (400 when absent, 415 when not JSON) and reads the body as JSON.
     *
     * @throws MasterError BAD_REQUEST on a missing content type or malformed JSON
     * @throws UnsupportedMediaType for a content type other than JSON
     */
    public static JsonNode readJson(HttpServletRequest request, String what) throws IOException {
        return parseJson(readBody(request), what);
    }

    /**
     * Checks {@code Content-Type} (400 when absent, 415 when not JSON) and reads the body.
     *
     * @throws MasterError BAD_REQUEST on a missing content type or a body over {@link #MAX_BODY_BYTES}
     * @throws UnsupportedMediaType for a content type other than JSON
     */
    public static byte[] readBody(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
            throw MasterError.badRequest("Expecting 'Content-Type' to be present");
        }
        if (!isJson(contentType)) {
            throw new UnsupportedMediaType("Expecting 'Content-Type' of application/json; '" + contentType
                    + "' is not supported by this master");
        }
        long length = request.getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            throw MasterError.badRequest("Request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        if (length >= 0) {
            // The usual case: read into an array of the announced size. (readNBytes with the limit as
            // its length allocates buffers of up to 16 KB per read, which for bodies of a few hundred
            // bytes was most of the master's allocation in the launch benchmark.)
            byte[] body = new byte[(int) length];
            int read = request.getInputStream().readNBytes(body, 0, body.length);
            return read == body.length ? body : java.util.Arrays.copyOf(body, read);
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw MasterError.badRequest("Request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /**
     * Whether a content type is JSON. The plain {@code application/json} that every client sends is
     * recognised without parsing it (this runs for every agent update and acknowledgement).
     *
     * @throws UnsupportedMediaType when it cannot be parsed at all
     */
    static boolean isJson(String contentType) {
        if (contentType.equalsIgnoreCase("application/json")) {
            return true;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedMediaType("Unsupported 'Content-Type': " + contentType);
        }
        return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
    }

    /**
     * Parses a body that must be a JSON object.
     *
     * @throws MasterError BAD_REQUEST on malformed JSON or another JSON value
     */
    public static JsonNode parseJson(byte[] body, String what) {
        try {
            JsonNode node = MesosJson.read(body, JsonNode.class);
            if (node == null || !node.isObject()) {
                throw MasterError.badRequest("Failed to parse body into " + what + ": expected a JSON object");
            }
            return node;
        } catch (IllegalArgumentException e) {
            throw MasterError.badRequest("Failed to parse body into " + what + ": " + e.getMessage());
        }
    }

    /**
     * Reads a call record straight from the body, without a JSON tree in between (half the parsing
     * work on the paths every status update takes). A body that does not read that way goes the
     * tree way of {@link #parseJson} and {@link #convert}, so that the 400's message names the
     * problem exactly as it always has.
     *
     * @throws MasterError BAD_REQUEST when the body is not a {@code type}
     */
    public static <T> T readCall(byte[] body, Class<T> type, String what) {
        try {
            T call = MesosJson.mapper().readValue(body, type);
            if (call != null) {
                return call;
            }
        } catch (tools.jackson.core.JacksonException e) {
            // Described below, as the tree way describes it.
        }
        return convert(parseJson(body, what), type, what);
    }

    /** Converts a parsed body into a call record. */
    public static <T> T convert(JsonNode node, Class<T> type, String what) {
        try {
            return MesosJson.mapper().treeToValue(node, type);
        } catch (RuntimeException e) {
            String message = e instanceof tools.jackson.core.JacksonException je ? MesosJson.describe(je)
                    : e.getMessage();
            throw MasterError.badRequest("Failed to parse body into " + what + ": " + message);
        }
    }

    /** Whether the {@code Accept} header allows JSON (absent means JSON). */
    public static boolean acceptsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(t -> t.includes(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    public static void writePlain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The request's content type is not one this master reads: 415. */
    public static final class UnsupportedMediaType extends RuntimeException {
        public UnsupportedMediaType(String message) {
            super(message);
        }
    }
}
