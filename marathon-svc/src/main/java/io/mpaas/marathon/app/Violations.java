package io.mpaas.marathon.app;

import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what is wrong with a definition, grouped by JSON path the way Marathon answers it: one
 * entry per path, in the order the rules first named each path, each message once. The wording
 * helpers produce the messages of Marathon's validation library ("got 0.0, expected 0.001 or more"),
 * so that clients matching on them keep working.
 */
final class Violations {

    static final String MISSING = "error.path.missing";
    static final String NOT_EMPTY = "must not be empty";

    private final Map<String, List<String>> byPath = new LinkedHashMap<>();

    void add(String path, String message) {
        List<String> messages = byPath.computeIfAbsent(path, p -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    /** Adds violations found on a nested object, their paths put under {@code prefix} ({@code /apps(0)}). */
    void addAll(String prefix, Collection<Violation> nested) {
        for (Violation violation : nested) {
            String path = violation.path().equals("/") ? prefix : prefix + violation.path();
            violation.errors().forEach(message -> add(path.isEmpty() ? "/" : path, message));
        }
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }

    List<Violation> toList() {
        return byPath.entrySet().stream().map(e -> new Violation(e.getKey(), e.getValue())).toList();
    }

    /** {@code value >= min}, else Marathon's "got -1, expected 0 or more". */
    void atLeast(String path, Number value, Number min) {
        if (value != null && value.doubleValue() < min.doubleValue()) {
            add(path, "got " + value + ", expected " + min + " or more");
        }
    }

    /** {@code min <= value <= max}, else "got 70000, expected between 0 and 65535". */
    void between(String path, Number value, Number min, Number max) {
        if (value != null && (value.doubleValue() < min.doubleValue() || value.doubleValue() > max.doubleValue())) {
            add(path, "got " + value + ", expected between " + min + " and " + max);
        }
    }

    /** {@code value} is one of {@code allowed} (when given), else "got X, expected one of: [A, B]". */
    void oneOf(String path, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(path, "got " + value + ", expected one of: [" + String.join(", ", allowed) + "]");
        }
    }

    /** A required text is present and not empty. */
    void notEmpty(String path, String value) {
        if (value == null || value.isEmpty()) {
            add(path, NOT_EMPTY);
        }
    }

    /** The path of element {@code index} of the array at {@code path}: {@code /healthChecks(0)}. */
    static String at(String path, int index) {
        return path + "(" + index + ")";
    }
}
