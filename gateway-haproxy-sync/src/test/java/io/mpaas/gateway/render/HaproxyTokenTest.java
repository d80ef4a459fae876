package io.mpaas.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HaproxyTokenTest {

    @Test
    void plainValuesAreWrittenAsThey() {
        assertThat(HaproxyToken.quote("host", "/a", "api.example.com")).isEqualTo("api.example.com");
        assertThat(HaproxyToken.quote("path", "/a", "/static/img-1")).isEqualTo("/static/img-1");
        assertThat(HaproxyToken.quote("cert", "/a", "/etc/ssl/a.pem")).isEqualTo("/etc/ssl/a.pem");
    }

    @Test
    void blanksCommentsVariablesAndQuotesAreSingleQuoted() {
        assertThat(HaproxyToken.quote("p", null, "admin:pa ss")).isEqualTo("'admin:pa ss'");
        assertThat(HaproxyToken.quote("p", null, "a#b")).isEqualTo("'a#b'");
        assertThat(HaproxyToken.quote("p", null, "$HOME")).isEqualTo("'$HOME'");
        assertThat(HaproxyToken.quote("p", null, "it's")).isEqualTo("'it'\\''s'");
        assertThat(HaproxyToken.quote("p", null, "")).isEqualTo("''");
    }

    @Test
    void aLineBreakIsRefusedNamingTheApp() {
        assertThatThrownBy(() -> HaproxyToken.quote("virtual host", "/evil", "a.com\n  stats admin if TRUE"))
                .isInstanceOf(RenderRefusedException.class)
                .hasMessageContaining("/evil").hasMessageContaining("virtual host")
                .satisfies(e -> assertThat(((RenderRefusedException) e).appId()).isEqualTo("/evil"));
    }
}
