package io.mpaas.marathon.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.mvc.condition.AbstractRequestCondition;
import org.springframework.web.util.UriUtils;

/**
 * Matches a request path of the form {@code <prefix>/<id segments...>/<tail>} (see {@link IdPath})
 * and, once matched, carries the id and the tail's variables. The path is read from the raw request
 * URI and percent-decoded before it is split, so an encoded slash separates segments like a plain
 * one, and empty segments (a doubled slash) are dropped.
 */
final class IdPathCondition extends AbstractRequestCondition<IdPathCondition> {

    /** The path variable that holds the id. */
    static final String ID = "id";

    private final String prefix;
    private final List<String> tail;
    private final Map<String, String> variables;

    IdPathCondition(String prefix, String tail) {
        this(prefix, split(tail), Map.of());
    }

    private IdPathCondition(String prefix, List<String> tail, Map<String, String> variables) {
        this.prefix = prefix;
        this.tail = List.copyOf(tail);
        this.variables = variables;
    }

    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The id and tail variables of the request this condition matched; empty before a match. */
    Map<String, String> variables() {
        return variables;
    }

    @Override
    public IdPathCondition combine(IdPathCondition other) {
        return other;
    }

    @Override
    public IdPathCondition getMatchingCondition(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(prefix) || (path.length() > prefix.length() && path.charAt(prefix.length()) != '/')) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String raw : path.substring(prefix.length()).split("/")) {
            int matrix = raw.indexOf(';');
            String decoded = UriUtils.decode(matrix < 0 ? raw : raw.substring(0, matrix), StandardCharsets.UTF_8);
            segments.addAll(split(decoded));
        }
        int idLength = segments.size() - tail.size();
        if (idLength < 0) {
            return null;
        }
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 0; i < tail.size(); i++) {
            String expected = tail.get(i);
            String actual = segments.get(idLength + i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                matched.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        matched.put(ID, "/" + String.join("/", segments.subList(0, idLength)));
        return new IdPathCondition(prefix, tail, Map.copyOf(matched));
    }

    /** The longer tail is the more specific; between equal lengths, the one with more literals. */
    @Override
    public int compareTo(IdPathCondition other, HttpServletRequest request) {
        if (tail.size() != other.tail.size()) {
            return other.tail.size() - tail.size();
        }
        return literals(other) - literals(this);
    }

    private static int literals(IdPathCondition condition) {
        return (int) condition.tail.stream().filter(s -> !s.startsWith("{")).count();
    }

    @Override
    protected Collection<?> getContent() {
        return List.of(prefix, tail);
    }

    @Override
    protected String getToStringInfix() {
        return "/";
    }
}
