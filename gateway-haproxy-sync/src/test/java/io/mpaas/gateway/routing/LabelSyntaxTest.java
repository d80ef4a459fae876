package io.mpaas.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "example.com", "a-b.c-d.example", "xn--bcher-kva.example", "1.example.com",
            "UPPER.example.com"})
    void hostNames(String name) {
        assertThat(LabelSyntax.isDnsName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a..b", "a.", ".a", "-a.com", "a-.com", "a_b.com", "a b", "a\nb", "*.a.com",
            "a.com:80", "a/b"})
    void notHostNames(String name) {
        assertThat(LabelSyntax.isDnsName(name)).isFalse();
    }

    @Test
    void longHostNamesAndLabelsAreRefused() {
        assertThat(LabelSyntax.isDnsName("a".repeat(63) + ".com")).isTrue();
        assertThat(LabelSyntax.isDnsName("a".repeat(64) + ".com")).isFalse();
        assertThat(LabelSyntax.isDnsName(("a".repeat(60) + ".").repeat(5) + "com")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "::1", "fd00::1", "2001:db8::8a2e:370:7334", "::ffff:10.0.0.1"})
    void ipLiterals(String ip) {
        assertThat(LabelSyntax.isIpLiteral(ip)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0", "10.1", "010.0.0.1", "10.0.0.256", "[::1]", "fe80::1%eth0", "10.0.0.1 ", "host", "1.2.3.4:80"})
    void notIpLiterals(String ip) {
        assertThat(LabelSyntax.isIpLiteral(ip)).isFalse();
    }

    @Test
    void namesFollowMarathonLb() {
        assertThat(LabelSyntax.proxyName("/shop/web", 10001)).isEqualTo("shop_web_10001");
        assertThat(LabelSyntax.proxyName("plain", 10001)).isEqualTo("plain_10001");
        assertThat(LabelSyntax.proxyName("/a b/c\"d", 1)).isEqualTo("a_b_c_d_1");
    }

    @Test
    void shownValuesCannotBreakAMessage() {
        assertThat(LabelSyntax.shown("a\nb\u0000c")).isEqualTo("'a?b?c'");
        assertThat(LabelSyntax.shown("x".repeat(100))).isEqualTo("'" + "x".repeat(80) + "...'");
    }
}
