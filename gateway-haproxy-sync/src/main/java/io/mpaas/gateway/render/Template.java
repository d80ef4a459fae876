package io.mpaas.gateway.render;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One named piece of HAProxy configuration text with {@code ${placeholder}} holes, and the tiny strict
 * engine that fills them. The rules, kept few so operators can predict what an override does:
 * <ul>
 *   <li>{@code ${name}} is replaced by the value the renderer supplies for {@code name}; a name the
 *       renderer does not supply is a {@link TemplateException} naming template and placeholder.</li>
 *   <li>{@code $${} writes a literal {@code ${}, for HAProxy's own environment variables
 *       ({@code "$${HOME}"}).</li>
 *   <li>A line holding nothing but one placeholder (and blanks) whose value is empty is dropped, so
 *       optional directives (a server-state file, stats auth) leave no blank line behind.</li>
 *   <li>Lines starting with {@code ##} are notes for the reader of the template and are not written.</li>
 * </ul>
 * Values are inserted verbatim; quoting them for HAProxy is the renderer's job ({@link HaproxyToken}).
 */
record Template(String name, String text) {

    Template {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        text = text.replace("\r\n", "\n");
        if (!text.isEmpty() && !text.endsWith("\n")) {
            // Without the newline the next section would be glued onto this template's last line.
            text = text + "\n";
        }
    }

    /** The text with every placeholder replaced; fails on a placeholder missing from {@code values}. */
    String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end + 1);
            start = end + 1;
            if (line.startsWith("##")) {
                continue;
            }
            String lone = lonePlaceholder(line);
            if (lone != null && value(values, lone).isEmpty()) {
                continue;
            }
            renderLine(line, values, out);
        }
        return out.toString();
    }

    private void renderLine(String line, Map<String, String> values, StringBuilder out) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '$' && line.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && line.startsWith("${", i)) {
                int close = line.indexOf('}', i + 2);
                if (close < 0) {
                    throw new TemplateException(name, "unterminated placeholder in line: " + line.strip());
                }
                out.append(value(values, line.substring(i + 2, close)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
    }

    private String value(Map<String, String> values, String placeholder) {
        String value = values.get(placeholder);
        if (value == null) {
            throw new TemplateException(name, "unknown placeholder ${" + placeholder + "}; this template may use "
                    + (values.isEmpty() ? "none" : new TreeSet<>(values.keySet())));
        }
        return value;
    }

    /** The placeholder's name when the line is nothing but one placeholder, else null. */
    private static String lonePlaceholder(String line) {
        String s = line.strip();
        if (s.startsWith("${") && s.endsWith("}") && s.indexOf('}') == s.length() - 1) {
            return s.substring(2, s.length() - 1);
        }
        return null;
    }
}
