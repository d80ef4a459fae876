package io.mpaas.marathon.fake;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Expected JSON for exact comparisons: text written readably and compacted, or trees compared
 * whole. App bodies are compared as trees built from the stored app, so the expectation follows
 * the normalizer's defaults instead of repeating them.
 */
public final class JsonText {

    private JsonText() {
    }

    /** The JSON with the whitespace between tokens removed. */
    public static String compact(String json) {
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

    public static JsonNode tree(String json) {
        return MarathonJson.mapper().readTree(json);
    }

    /**
     * The app as its JSON object on the wire, to which a test adds what the endpoint embeds. It is
     * written and read back, as a response body is: a tree made straight from the record keeps
     * Java's number types (a {@code Long} field becomes a long node), which never equal the int
     * nodes a parsed body has for the same small number.
     */
    public static ObjectNode app(App app) {
        return (ObjectNode) tree(MarathonJson.write(app));
    }

    public static ObjectNode object() {
        return MarathonJson.mapper().createObjectNode();
    }
}
