package io.mpaas.marathon.web;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.protocol.marathon.MarathonError;
import io.mpaas.protocol.marathon.MarathonError.DeploymentRef;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every refusal of the marathon API becomes Marathon's JSON error body here, in one place: the
 * domain's {@link MarathonFailure} kinds, unreadable bodies, unknown routes, bad query parameters.
 * Bad input is never a 500; only a bug is, and then still with a JSON {@code message}.
 */
@RestControllerAdvice
public class MarathonErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(MarathonErrorAdvice.class);

    @ExceptionHandler(MarathonFailure.class)
    public ResponseEntity<byte[]> refused(MarathonFailure e) {
        MarathonError body = switch (e.kind()) {
            case INVALID -> new MarathonError(e.getMessage(), e.violations().isEmpty() ? null : e.violations(), null);
            case LOCKED -> new MarathonError(e.getMessage(), null,
                    e.deploymentIds().stream().map(DeploymentRef::new).toList());
            default -> MarathonError.of(e.getMessage());
        };
        return JsonResponses.of(status(e.kind()), body);
    }

    /** The status of each kind of refusal. */
    public static HttpStatus status(MarathonFailure.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS, LOCKED -> HttpStatus.CONFLICT;
            case TOO_MANY_DEPLOYMENTS -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    @ExceptionHandler(InvalidJson.class)
    public ResponseEntity<byte[]> invalidJson(InvalidJson e) {
        if (e.isMalformed()) {
            return JsonResponses.of(HttpStatus.BAD_REQUEST, new MarathonError("Invalid JSON", e.parserMessage(), null));
        }
        return JsonResponses.of(HttpStatus.UNPROCESSABLE_CONTENT, new MarathonError("Invalid JSON", e.violations(),
                null));
    }

    /** A body read by Spring's own converters (a {@code @RequestBody} record), as {@link InvalidJson}. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<byte[]> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson && !(cause instanceof StreamReadException)) {
            return invalidJson(InvalidJson.mismatched(List.of(new MarathonError.Violation(
                    JsonRequests.marathonPath("", jackson), List.of(JsonRequests.errorKey(jackson))))));
        }
        String detail = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return invalidJson(InvalidJson.malformed(detail, e));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    public ResponseEntity<byte[]> unknownRoute(Exception e) {
        return JsonResponses.message(HttpStatus.NOT_FOUND, "URI not found");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<byte[]> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<byte[]> body = JsonResponses.message(HttpStatus.METHOD_NOT_ALLOWED,
                "HTTP 405 Method Not Allowed");
        return e.getSupportedMethods() == null ? body : ResponseEntity.status(body.getStatusCode())
                .headers(body.getHeaders()).header("Allow", String.join(", ", e.getSupportedMethods()))
                .body(body.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<byte[]> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return JsonResponses.message(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<byte[]> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return JsonResponses.message(HttpStatus.NOT_ACCEPTABLE, e.getMessage());
    }

    /** A query parameter of the wrong type ({@code ?force=maybe}) or a missing one. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            ServletRequestBindingException.class})
    public ResponseEntity<byte[]> badParameter(Exception e) {
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "Invalid value '" + mismatch.getValue() + "' for query parameter '" + mismatch.getName() + "'"
                : e.getMessage();
        return JsonResponses.message(HttpStatus.BAD_REQUEST, message);
    }

    /** Marathon answers an illegal argument that no validation caught with 422 and its message. */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<byte[]> illegalArgument(IllegalArgumentException e) {
        return JsonResponses.message(HttpStatus.UNPROCESSABLE_CONTENT, String.valueOf(e.getMessage()));
    }

    /**
     * Anything else: Spring's own refusals keep their status; Spring Security's exceptions go on to
     * its filters (they decide between 401 and 403); a client that went away (an event stream
     * closed) gets nothing; the rest is a bug.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> unexpected(Exception e) throws Exception {
        if (e.getClass().getName().startsWith("org.springframework.security.")) {
            throw e;
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return null;
        }
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return JsonResponses.message(response.getStatusCode(), detail == null ? e.getMessage() : detail);
        }
        log.error("Unexpected failure serving a request", e);
        return JsonResponses.message(HttpStatus.INTERNAL_SERVER_ERROR,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
