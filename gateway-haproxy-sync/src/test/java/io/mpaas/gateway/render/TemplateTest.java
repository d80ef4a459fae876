package io.mpaas.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void replacesPlaceholdersWithTheirValues() {
        Template t = new Template("T", "backend ${name}\n  balance ${balance}\n");

        assertThat(t.render(Map.of("name", "web", "balance", "leastconn"))).isEqualTo("backend web\n  balance leastconn\n");
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingTemplateAndPlaceholder() {
        Template t = new Template("HAPROXY_BACKEND_HEAD", "backend ${name}\n  balance ${balanse}\n");

        assertThatThrownBy(() -> t.render(Map.of("name", "web", "balance", "x")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("HAPROXY_BACKEND_HEAD")
                .hasMessageContaining("${balanse}")
                .hasMessageContaining("[balance, name]")
                .satisfies(e -> assertThat(((TemplateException) e).template()).isEqualTo("HAPROXY_BACKEND_HEAD"));
    }

    @Test
    void anUnterminatedPlaceholderIsAnError() {
        Template t = new Template("T", "backend ${name\n");

        assertThatThrownBy(() -> t.render(Map.of("name", "web")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("unterminated");
    }

    @Test
    void doubledDollarWritesHaproxysOwnVariableSyntax() {
        Template t = new Template("T", "  http-request set-header X-Host \"$${HOSTNAME}\" # ${note}\n");

        assertThat(t.render(Map.of("note", "n"))).isEqualTo("  http-request set-header X-Host \"${HOSTNAME}\" # n\n");
    }

    @Test
    void aLineOfOnlyAnEmptyPlaceholderIsDropped() {
        Template t = new Template("T", "global\n  ${optional}\n  maxconn ${maxconn}\n");

        assertThat(t.render(Map.of("optional", "", "maxconn", "5"))).isEqualTo("global\n  maxconn 5\n");
        assertThat(t.render(Map.of("optional", "server-state-file /s", "maxconn", "5")))
                .isEqualTo("global\n  server-state-file /s\n  maxconn 5\n");
    }

    @Test
    void anEmptyPlaceholderBesideOtherTextKeepsItsLine() {
        Template t = new Template("T", "  bind *:${port}${ssl}\n");

        assertThat(t.render(Map.of("port", "80", "ssl", ""))).isEqualTo("  bind *:80\n");
    }

    @Test
    void notesAreNotWrittenAndBlankLinesAre() {
        Template t = new Template("T", "## what this is\n\nfrontend x\n");

        assertThat(t.render(Map.of())).isEqualTo("\nfrontend x\n");
    }

    @Test
    void windowsLineEndsAndAMissingLastNewlineAreMended() {
        Template t = new Template("T", "a ${x}\r\nb");

        assertThat(t.render(Map.of("x", "1"))).isEqualTo("a 1\nb\n");
    }

    @Test
    void anEmptyTemplateWritesNothing() {
        assertThat(new Template("T", "").render(Map.of())).isEmpty();
    }
}
