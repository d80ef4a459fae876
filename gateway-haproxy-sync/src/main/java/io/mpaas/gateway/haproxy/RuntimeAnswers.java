package io.mpaas.gateway.haproxy;

import java.util.List;
import java.util.Locale;

/**
 * Tells an error answer of HAProxy 2.6's runtime API from a normal one. HAProxy has no status code there: a
 * successful {@code set server} answers nothing or a note ("IP changed from ..."), a failed one answers a
 * sentence. The list below comes from the messages in the 2.6 binary and from trying the commands; a new
 * HAProxy version may word an error differently, which is why the raw answer is always kept.
 */
final class RuntimeAnswers {

    /** Beginnings of the first line of an error answer, lower case. */
    private static final List<String> ERROR_STARTS = List.of(
            "no such", "unknown", "require", "permission denied", "invalid", "can't", "cannot", "failed",
            "error", "missing", "unable", "not ", "only ", "backend is using a static", "backend must",
            "server still has", "server is not", "server is still", "this server", "this command",
            "illegal", "out of memory", "unsupported", "unexpected", "wrong", "too many", "nothing to");

    private RuntimeAnswers() {
    }

    /** True if {@code answer} (as read, without the prompt) says the command was refused. */
    static boolean isError(String answer) {
        String first = answer.strip().lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        if (first.isEmpty()) {
            return false;
        }
        for (String start : ERROR_STARTS) {
            if (first.startsWith(start)) {
                return true;
            }
        }
        // usage errors: "'set server <srv> state' expects 'ready', 'drain' and 'maint'."
        return first.contains(" expects ") || first.contains("cannot ") || first.contains("not found");
    }
}
