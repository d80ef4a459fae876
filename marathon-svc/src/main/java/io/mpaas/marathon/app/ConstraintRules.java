package io.mpaas.marathon.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Marathon's rules for one placement constraint, {@code [field, OPERATOR]} or {@code [field,
 * OPERATOR, value]}. Kept apart from the app validator because offer matching reads constraints
 * too and must agree on which ones can exist: a constraint that passes here is one the matcher can
 * evaluate without failing.
 */
public final class ConstraintRules {

    /** The operators Marathon knows, in the order its message lists them. */
    public static final List<String> OPERATORS = List.of("UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "MAX_PER",
            "UNLIKE", "IS");

    static final String WRONG_LENGTH = "Each constraint must have either 2 or 3 fields";
    static final String MISSING_FIELD = "missing field for constraint declaration";
    static final String UNKNOWN_OPERATOR = "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, "
            + "MAX_PER, UNLIKE or IS";
    static final String UNIQUE_WITH_VALUE = "UNIQUE does not accept a value";
    static final String GROUP_BY_NOT_INTEGER = "GROUP BY must define an integer value or else no value at all";
    static final String MAX_PER_NOT_INTEGER = "MAX_PER requires an integer value";
    static final String LIKE_WITHOUT_REGEX = "LIKE and UNLIKE require a non-empty, regular expression value";
    static final String INVALID_REGEX = "is not a valid regular expression";
    static final String IS_NOT_TEXT = "IS only supports Mesos text and float values "
            + "(see http://mesos.apache.org/documentation/latest/attributes-resources/)";

    /** What IS may compare against: a Mesos text or scalar, never a range or set (left open for later). */
    private static final Pattern MESOS_TEXT_OR_SCALAR = Pattern.compile("^[a-zA-Z0-9_/.-]*$");

    private ConstraintRules() {
    }

    /** What is wrong with {@code constraint} (Marathon's messages); empty when it is valid. */
    public static List<String> errors(List<String> constraint) {
        List<String> errors = new ArrayList<>();
        if (constraint == null || constraint.size() < 2 || constraint.size() > 3) {
            errors.add(WRONG_LENGTH);
            return errors;
        }
        String field = constraint.get(0);
        String operator = constraint.get(1) == null ? null : constraint.get(1).toUpperCase(Locale.ROOT);
        String value = constraint.size() == 3 ? constraint.get(2) : null;
        if (field == null || field.isEmpty()) {
            errors.add(MISSING_FIELD);
            return errors;
        }
        if (operator == null || !OPERATORS.contains(operator)) {
            errors.add(UNKNOWN_OPERATOR);
            return errors;
        }
        String problem = switch (operator) {
            case "UNIQUE" -> value == null ? null : UNIQUE_WITH_VALUE;
            case "CLUSTER" -> null;
            case "GROUP_BY" -> value == null || isInteger(value) ? null : GROUP_BY_NOT_INTEGER;
            case "MAX_PER" -> value != null && isInteger(value) ? null : MAX_PER_NOT_INTEGER;
            case "LIKE", "UNLIKE" -> regexProblem(value);
            case "IS" -> value != null && MESOS_TEXT_OR_SCALAR.matcher(value).matches() ? null : IS_NOT_TEXT;
            default -> throw new IllegalStateException("operator list and rules disagree on " + operator);
        };
        if (problem != null) {
            errors.add(problem);
        }
        return errors;
    }

    private static String regexProblem(String value) {
        if (value == null || value.isEmpty()) {
            return LIKE_WITHOUT_REGEX;
        }
        try {
            Pattern.compile(value);
            return null;
        } catch (PatternSyntaxException e) {
            return INVALID_REGEX;
        }
    }

    private static boolean isInteger(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
