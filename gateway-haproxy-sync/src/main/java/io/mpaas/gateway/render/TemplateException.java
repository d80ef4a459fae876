package io.mpaas.gateway.render;

/**
 * A template could not be turned into configuration text: it names a placeholder the renderer does not
 * supply, has an unterminated {@code ${}, or could not be read. Thrown at render time rather than
 * rendered as something HAProxy might half-accept, so an operator's typo in an override is reported by
 * template and placeholder name instead of surfacing as an obscure {@code haproxy -c} error.
 */
public final class TemplateException extends RuntimeException {

    private final String template;

    public TemplateException(String template, String message) {
        super("template " + template + ": " + message);
        this.template = template;
    }

    public TemplateException(String template, String message, Throwable cause) {
        super("template " + template + ": " + message, cause);
        this.template = template;
    }

    /** The template's name, e.g. {@code HAPROXY_BACKEND_SERVER}. */
    public String template() {
        return template;
    }
}
