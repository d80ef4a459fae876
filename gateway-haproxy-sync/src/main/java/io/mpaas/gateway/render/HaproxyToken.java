package io.mpaas.gateway.render;

import java.util.regex.Pattern;

/**
 * A value written as one word of HAProxy's configuration: a host, a path, a certificate file, a
 * password. HAProxy splits a line on blanks, treats {@code #} as a comment and expands {@code "$VAR"},
 * so anything beyond plain characters is single-quoted, where nothing is interpreted. A line break
 * cannot be quoted at all (the file is read line by line), so a value holding one is refused: written
 * as is, it would let an app's label add directives of its own.
 */
final class HaproxyToken {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@%+=,~*\\-\\[\\]]+");

    private HaproxyToken() {
    }

    /**
     * The value as one configuration word.
     *
     * @param what  what the value is, for the error ({@code "host of route api.example.com"})
     * @param appId the app the value comes from, or null for a gateway setting
     */
    static String quote(String what, String appId, String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new RenderRefusedException(appId, what + " holds a line break or control character");
        }
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        // Inside single quotes HAProxy interprets nothing; a quote itself is closed, escaped, reopened.
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
