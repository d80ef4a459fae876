package io.mpaas.master.framework;

import java.util.Optional;

/**
 * Mesos's rules for role names: {@code *} or a path like {@code eng/web} whose components are not
 * empty, not {@code .} or {@code ..}, do not start with {@code -}, and hold no whitespace,
 * control characters or backslashes.
 */
public final class RoleNames {

    private RoleNames() {
    }

    public static Optional<String> validate(String role) {
        if (role == null || role.isEmpty()) {
            return Optional.of("Role name must not be empty");
        }
        if (role.equals("*")) {
            return Optional.empty();
        }
        if (role.startsWith("/") || role.endsWith("/")) {
            return Optional.of("Role '" + role + "' must not start or end with '/'");
        }
        for (String part : role.split("/", -1)) {
            if (part.isEmpty()) {
                return Optional.of("Role '" + role + "' must not contain '//'");
            }
            if (part.equals(".") || part.equals("..")) {
                return Optional.of("Role '" + role + "' must not contain '.' or '..' as a path component");
            }
            if (part.startsWith("-")) {
                return Optional.of("Role '" + role + "' must not have a path component starting with '-'");
            }
            if (part.equals("*")) {
                return Optional.of("Role '" + role + "' must not contain '*' as a path component");
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
                    return Optional.of("Role '" + role + "' must not contain whitespace, control characters or '\\'");
                }
            }
        }
        return Optional.empty();
    }
}
