package io.mpaas.marathon.web;

import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.List;

/**
 * A request body Marathon would not read: not JSON at all (400, {@code details} is the parser's
 * message) or JSON of the wrong shape (422, {@code details} names the paths). Both answer
 * {@code "message":"Invalid JSON"}.
 */
public final class InvalidJson extends RuntimeException {

    private final String parserMessage;
    private final List<Violation> violations;

    private InvalidJson(String parserMessage, List<Violation> violations, Throwable cause) {
        super("Invalid JSON", cause);
        this.parserMessage = parserMessage;
        this.violations = List.copyOf(violations);
    }

    /** The body does not parse. */
    public static InvalidJson malformed(String parserMessage, Throwable cause) {
        return new InvalidJson(parserMessage, List.of(), cause);
    }

    /** The body parses but a value has the wrong type or is missing. */
    public static InvalidJson mismatched(List<Violation> violations) {
        return new InvalidJson(null, violations, null);
    }

    public boolean isMalformed() {
        return violations.isEmpty();
    }

    public String parserMessage() {
        return parserMessage;
    }

    public List<Violation> violations() {
        return violations;
    }
}
