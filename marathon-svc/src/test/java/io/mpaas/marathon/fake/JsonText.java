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

    /** The app as its JSON object, to which a test adds what the endpoint embeds. */
    public static ObjectNode app(App app) {
        return MarathonJson.mapper().valueToTree(app);
    }

    public static ObjectNode object() {
        return MarathonJson.mapper().createObjectNode();
    }
}
