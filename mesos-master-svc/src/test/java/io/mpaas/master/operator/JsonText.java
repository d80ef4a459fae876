package io.mpaas.master.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Expected JSON for exact comparisons: written readably (golden files, text blocks), compared
 * byte for byte after the whitespace between tokens is removed, so that number formats
 * ({@code 8.0}), field order and escaping are checked too.
 */
final class JsonText {

    private JsonText() {
    }

    static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A golden file under {@code src/test/resources/operator/}, compacted. */
    static String golden(String name) {
        try (InputStream in = JsonText.class.getResourceAsStream("/operator/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return compact(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
