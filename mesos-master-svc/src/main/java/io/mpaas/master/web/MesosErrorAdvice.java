package io.mpaas.master.web;

import io.mpaas.master.MasterError;
import io.mpaas.master.security.MasterSecurityConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps the master's refusals to HTTP, in one place. Bodies are plain text, as Mesos writes them,
 * because clients print them as they are.
 */
@RestControllerAdvice
public class MesosErrorAdvice {

    /** What Spring MVC writes for a {@code text/plain} {@code ResponseEntity<String>}. */
    static final String PLAIN = "text/plain";

    @ExceptionHandler(MasterError.class)
    public ResponseEntity<String> refused(MasterError e) {
        if (e.code() == MasterError.Code.UNAUTHENTICATED) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_PLAIN)
                    .header("WWW-Authenticate", MasterSecurityConfiguration.CHALLENGE).body(e.getMessage());
        }
        return plain(status(e.code()), e.getMessage());
    }

    @ExceptionHandler(MesosRequests.UnsupportedMediaType.class)
    public ResponseEntity<String> unsupported(MesosRequests.UnsupportedMediaType e) {
        return plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    /**
     * Writes the same answer as the handlers above for a request answered outside Spring MVC
     * ({@link MesosCallFilter}).
     */
    static void write(jakarta.servlet.http.HttpServletResponse response, RuntimeException e)
            throws java.io.IOException {
        HttpStatus status = e instanceof MasterError m ? status(m.code()) : HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        if (e instanceof MasterError m && m.code() == MasterError.Code.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", MasterSecurityConfiguration.CHALLENGE);
        }
        byte[] body = e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType(PLAIN);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public static HttpStatus status(MasterError.Code code) {
        return switch (code) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    public static ResponseEntity<String> plain(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
