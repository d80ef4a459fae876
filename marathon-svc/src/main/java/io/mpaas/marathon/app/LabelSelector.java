package io.mpaas.marathon.app;

import io.mpaas.marathon.MarathonFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marathon's label filter for {@code GET /v2/apps?label=...}: comma-separated requirements that
 * must all hold, each one of {@code key} (present), {@code key==value}, {@code key!=value},
 * {@code key in (a, b)} and {@code key notin (a, b)}. Keys and values are letters, digits and
 * {@code - _ .}; a backslash makes any other character literal ({@code a\ b}). Every requirement
 * needs the key to be present, as in Marathon: {@code k!=v} does not match an app without {@code k}.
 */
public record LabelSelector(List<Requirement> requirements) {

    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    /** One requirement on one label. */
    public record Requirement(String key, Operator operator, Set<String> values) {
        public Requirement {
            values = Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            if (value == null) {
                return false;
            }
            return switch (operator) {
                case EXISTS -> true;
                case EQUALS, IN -> values.contains(value);
                case NOT_EQUALS, NOT_IN -> !values.contains(value);
            };
        }
    }

    public enum Operator { EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(present));
    }

    /**
     * Parses a selector.
     *
     * @throws MarathonFailure INVALID (422, as Marathon answers the illegal argument) naming the problem
     */
    public static LabelSelector parse(String selector) {
        try {
            return new Parser(selector).selector();
        } catch (IllegalArgumentException e) {
            throw MarathonFailure.of(MarathonFailure.Kind.INVALID,
                    "Can not parse label selector " + selector + ". Reason: " + e.getMessage());
        }
    }

    /** A recursive-descent parser over the selector text. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        LabelSelector selector() {
            List<Requirement> result = new ArrayList<>();
            result.add(requirement());
            while (skipSpaces() && peek(",")) {
                at++;
                result.add(requirement());
            }
            if (skipSpaces() && at < text.length()) {
                throw new IllegalArgumentException("unexpected '" + text.charAt(at) + "' at position " + at);
            }
            return new LabelSelector(result);
        }

        private Requirement requirement() {
            String key = term();
            skipSpaces();
            if (peek("==")) {
                at += 2;
                return new Requirement(key, Operator.EQUALS, Set.of(term()));
            }
            if (peek("!=")) {
                at += 2;
                return new Requirement(key, Operator.NOT_EQUALS, Set.of(term()));
            }
            int before = at;
            if (at < text.length() && text.charAt(at) != ',') {
                String word = term();
                if (word.equals("in") || word.equals("notin")) {
                    return new Requirement(key, word.equals("in") ? Operator.IN : Operator.NOT_IN, set());
                }
                at = before;
            }
            return new Requirement(key, Operator.EXISTS, Set.of());
        }

        private Set<String> set() {
            skipSpaces();
            expect("(");
            List<String> values = new ArrayList<>();
            values.add(term());
            skipSpaces();
            while (peek(",")) {
                at++;
                values.add(term());
                skipSpaces();
            }
            expect(")");
            return Set.copyOf(values);
        }

        private String term() {
            skipSpaces();
            StringBuilder term = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\\' && at + 1 < text.length()) {
                    term.append(text.charAt(at + 1));
                    at += 2;
                } else if (isTermChar(c)) {
                    term.append(c);
                    at++;
                } else {
                    break;
                }
            }
            if (term.isEmpty()) {
                throw new IllegalArgumentException(at < text.length()
                        ? "unexpected '" + text.charAt(at) + "' at position " + at
                        : "a label key or value is missing at the end");
            }
            return term.toString();
        }

        private static boolean isTermChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.';
        }

        private void expect(String token) {
            if (!peek(token)) {
                throw new IllegalArgumentException("'" + token + "' expected at position " + at);
            }
            at += token.length();
        }

        private boolean peek(String token) {
            return text.startsWith(token, at);
        }

        /** Skips blanks; always true, so it can lead a condition. */
        private boolean skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
            return true;
        }
    }
}
