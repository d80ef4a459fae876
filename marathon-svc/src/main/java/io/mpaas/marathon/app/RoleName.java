package io.mpaas.marathon.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mesos's rules for a role name. Mesos refuses to register or offer for a bad role, so a bad name
 * in an app would leave it unlaunchable; better to say so when the app is submitted.
 */
final class RoleName {

    /** The characters Mesos forbids in a role name, with the words its message uses for them. */
    private static final Map<Character, String> FORBIDDEN = Map.of(
            '\t', "horizontal tab (\\x09)", '\n', "line feed (\\x0a)", '\u000b', "vertical tab (\\x0b)",
            '\f', "form feed (\\x0c)", '\r', "carriage return (\\x0d)", ' ', "space (\\x20)",
            '/', "slash (\\x2f)", '\u007f', "backspace (\\x7f)");

    private RoleName() {
    }

    static List<String> errors(String role) {
        List<String> errors = new ArrayList<>();
        if (role == null || role.isEmpty()) {
            errors.add("A role name must not be \"\".");
            return errors;
        }
        if (role.equals(".") || role.equals("..")) {
            errors.add("A role name must not be \"" + role + "\".");
        }
        if (role.startsWith("-")) {
            errors.add("A role name must not start with a '-'.");
        }
        role.chars().distinct().filter(c -> FORBIDDEN.containsKey((char) c))
                .forEach(c -> errors.add("A role name must not include a " + FORBIDDEN.get((char) c) + " character."));
        return errors;
    }
}
