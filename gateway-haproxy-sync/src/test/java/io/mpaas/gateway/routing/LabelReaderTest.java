package io.mpaas.gateway.routing;

import static io.mpaas.gateway.routing.TestApps.labels;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.ProxyMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelReaderTest {

    static AppLabels read(int ports, String... nameValue) {
        return LabelReader.read("/app", labels(nameValue), ports);
    }

    static AppProblem onlyProblem(AppLabels labels) {
        assertThat(labels.problems()).hasSize(1);
        return labels.problems().getFirst();
    }

    @Test
    void everySupportedLabelIsRead() {
        AppLabels labels = read(2,
                "HAPROXY_GROUP", "external,internal",
                "HAPROXY_1_GROUP", " edge ",
                "HAPROXY_0_VHOST", "Shop.Example.com, www.example.com,shop.example.com,",
                "HAPROXY_0_PATH", "/api/v1",
                "HAPROXY_0_PORT", "10500",
                "HAPROXY_0_MODE", "HTTP",
                "HAPROXY_0_BALANCE", "url_param session_id",
                "HAPROXY_0_STICKY", "true",
                "HAPROXY_0_REDIRECT_TO_HTTPS", "TRUE",
                "HAPROXY_0_SSL_CERT", "/etc/ssl/shop.pem",
                "HAPROXY_0_BIND_ADDR", "10.0.0.7",
                "HAPROXY_0_BACKEND_WEIGHT", "-5",
                "OTHER_LABEL", "ignored silently");

        assertThat(labels.problems()).isEmpty();
        assertThat(labels.groups()).containsExactly("external", "internal");
        assertThat(labels.groupsOf(0)).containsExactly("external", "internal");
        assertThat(labels.groupsOf(1)).containsExactly("edge");
        assertThat(labels.port(0)).isEqualTo(new PortLabels(null, List.of("shop.example.com", "www.example.com"),
                "/api/v1", 10500, ProxyMode.HTTP, "url_param session_id", true, true, "/etc/ssl/shop.pem",
                "10.0.0.7", -5));
        assertThat(labels.port(1).vhosts()).isEmpty();
    }

    @Test
    void withoutLabelsAPortIsExternalWithDefaults() {
        AppLabels labels = LabelReader.read("/app", null, 1);

        assertThat(labels.groupsOf(0)).containsExactly("external");
        assertThat(labels.port(0)).isEqualTo(PortLabels.NONE);
        assertThat(labels.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"roundrobin", "static-rr", "leastconn", "first", "source", "uri", "random", "random(2)",
            "rdp-cookie", "rdp-cookie(mstshash)", "hdr(Host)", "hdr(X-User_Id)", "url_param userid"})
    void haproxyBalanceAlgorithmsAreAccepted(String balance) {
        assertThat(read(1, "HAPROXY_0_BALANCE", balance).port(0).balance()).isEqualTo(balance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bogus", "roundrobin\nserver x 1.2.3.4:80", "url_param  a", "url_param a b",
            "hdr(a b)", "hdr(a)\nx", "leastconn # comment", "uri len 10", "hdr(\"x\")", "random(abc)"})
    void anythingElseAsBalanceIsReportedAndRoundRobinUsed(String balance) {
        AppLabels labels = read(1, "HAPROXY_0_BALANCE", balance);

        assertThat(labels.port(0).balance()).isNull();
        assertThat(onlyProblem(labels).label()).isEqualTo("HAPROXY_0_BALANCE");
        assertThat(onlyProblem(labels).message()).startsWith("HAPROXY_0_BALANCE: ").contains("; ignored")
                .doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HAPROXY_0_VHOST|bad_host.example.com|HAPROXY_0_VHOST: 'bad_host.example.com' is not a host name; ignored",
            "HAPROXY_0_VHOST|*.example.com|HAPROXY_0_VHOST: '*.example.com' is not a host name; ignored",
            "HAPROXY_0_VHOST|' , '|HAPROXY_0_VHOST names no host; ignored",
            "HAPROXY_0_PATH|api|HAPROXY_0_PATH: 'api' is not an absolute URL path without spaces or quotes; ignored",
            "HAPROXY_0_PATH|/a b|HAPROXY_0_PATH: '/a b' is not an absolute URL path without spaces or quotes; ignored",
            "HAPROXY_0_PATH|/a#b|HAPROXY_0_PATH: '/a#b' is not an absolute URL path without spaces or quotes; ignored",
            "HAPROXY_0_PORT|http|HAPROXY_0_PORT: 'http' is not an integer; ignored",
            "HAPROXY_0_PORT|0|HAPROXY_0_PORT: 0 is not a port number 1-65535; ignored",
            "HAPROXY_0_PORT|65536|HAPROXY_0_PORT: 65536 is not a port number 1-65535; ignored",
            "HAPROXY_0_MODE|udp|HAPROXY_0_MODE: 'udp' is neither http nor tcp; ignored",
            "HAPROXY_0_STICKY|yes|HAPROXY_0_STICKY: 'yes' is neither true nor false; ignored",
            "HAPROXY_0_REDIRECT_TO_HTTPS|1|HAPROXY_0_REDIRECT_TO_HTTPS: '1' is neither true nor false; ignored",
            "HAPROXY_0_SSL_CERT|certs/a.pem|HAPROXY_0_SSL_CERT: 'certs/a.pem' is not an absolute file path without"
                    + " spaces or quotes; ignored",
            "HAPROXY_0_SSL_CERT|/a.pem crt /b.pem|HAPROXY_0_SSL_CERT: '/a.pem crt /b.pem' is not an absolute file"
                    + " path without spaces or quotes; ignored",
            "HAPROXY_0_BIND_ADDR|10.0.0.1:80|HAPROXY_0_BIND_ADDR: '10.0.0.1:80' is not an IP address or host name;"
                    + " ignored",
            "HAPROXY_0_BIND_ADDR|a b|HAPROXY_0_BIND_ADDR: 'a b' is not an IP address or host name; ignored",
            "HAPROXY_0_BACKEND_WEIGHT|heavy|HAPROXY_0_BACKEND_WEIGHT: 'heavy' is not an integer; ignored",
            "HAPROXY_GROUP|' ,'|HAPROXY_GROUP names no group; ignored",
            "HAPROXY_0_GROUP|'a b'|HAPROXY_0_GROUP: group 'a b' has spaces or control characters; ignored",
    })
    void malformedValuesAreReportedAndIgnored(String label, String value, String message) {
        AppLabels labels = read(1, label, value);

        assertThat(onlyProblem(labels)).isEqualTo(new AppProblem("/app", label, message));
        assertThat(labels.port(0).groups()).isNull();
        assertThat(labels.groups()).isNull();
        assertThat(labels.port(0)).satisfies(p -> {
            assertThat(p.vhosts()).isEmpty();
            assertThat(p.path()).isNull();
            assertThat(p.bindPort()).isNull();
            assertThat(p.mode()).isNull();
            assertThat(p.sticky()).isFalse();
            assertThat(p.sslCert()).isNull();
            assertThat(p.bindAddress()).isNull();
            assertThat(p.backendWeight()).isNull();
        });
    }

    @Test
    void valuesThatTryToInjectConfigurationAreRejected() {
        AppLabels labels = read(1,
                "HAPROXY_0_VHOST", "a.example.com\n  use_backend other",
                "HAPROXY_0_SSL_CERT", "/a.pem\nfrontend evil",
                "HAPROXY_0_BIND_ADDR", "*:80\nlisten x",
                "HAPROXY_0_PATH", "/x\"y",
                "HAPROXY_0_MODE", "http\r\n");

        // The mode is only read for its keyword, after stripping surrounding whitespace.
        assertThat(labels.port(0).mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(labels.problems()).extracting(AppProblem::label).containsExactly(
                "HAPROXY_0_BIND_ADDR", "HAPROXY_0_PATH", "HAPROXY_0_SSL_CERT", "HAPROXY_0_VHOST");
        assertThat(labels.problems()).extracting(AppProblem::message)
                .allSatisfy(m -> assertThat(m).doesNotContain("\n").doesNotContain("\r"));
        assertThat(labels.port(0)).isEqualTo(new PortLabels(null, List.of(), null, null, ProxyMode.HTTP, null,
                false, false, null, null, null));
    }

    @Test
    void bindAddressMayBeAnyAddressIpv6OrAHostName() {
        assertThat(read(1, "HAPROXY_0_BIND_ADDR", "*").port(0).bindAddress()).isEqualTo("*");
        assertThat(read(1, "HAPROXY_0_BIND_ADDR", "::1").port(0).bindAddress()).isEqualTo("::1");
        assertThat(read(1, "HAPROXY_0_BIND_ADDR", "fd00::a:1").port(0).bindAddress()).isEqualTo("fd00::a:1");
        assertThat(read(1, "HAPROXY_0_BIND_ADDR", "lb-1.internal").port(0).bindAddress()).isEqualTo("lb-1.internal");
    }

    @Test
    void pathAndRedirectNeedAVirtualHost() {
        AppLabels labels = read(1, "HAPROXY_0_PATH", "/api", "HAPROXY_0_REDIRECT_TO_HTTPS", "true");

        assertThat(labels.port(0).path()).isNull();
        assertThat(labels.port(0).redirectToHttps()).isFalse();
        assertThat(labels.problems()).containsExactly(
                new AppProblem("/app", "HAPROXY_0_PATH", "HAPROXY_0_PATH needs HAPROXY_0_VHOST; ignored"),
                new AppProblem("/app", "HAPROXY_0_REDIRECT_TO_HTTPS",
                        "HAPROXY_0_REDIRECT_TO_HTTPS needs HAPROXY_0_VHOST; ignored"));
        assertThat(read(1, "HAPROXY_0_REDIRECT_TO_HTTPS", "false").problems()).isEmpty();
    }

    @Test
    void aRejectedVirtualHostTakesItsPathAlong() {
        AppLabels labels = read(1, "HAPROXY_0_VHOST", "no spaces.com", "HAPROXY_0_PATH", "/api");

        assertThat(labels.problems()).extracting(AppProblem::label)
                .containsExactly("HAPROXY_0_VHOST", "HAPROXY_0_PATH");
    }

    @Test
    void labelsForAPortTheAppDoesNotHaveAreReported() {
        AppLabels labels = read(2, "HAPROXY_2_VHOST", "x.example.com", "HAPROXY_1_MODE", "http");

        assertThat(labels.port(1).mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(onlyProblem(labels)).isEqualTo(new AppProblem("/app", "HAPROXY_2_VHOST",
                "HAPROXY_2_VHOST is for port index 2, but the app has 2 ports; ignored"));
        assertThat(read(1, "HAPROXY_1_PORT", "10001").problems()).extracting(AppProblem::message)
                .containsExactly("HAPROXY_1_PORT is for port index 1, but the app has 1 port; ignored");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HAPROXY_DEPLOYMENT_GROUP|HAPROXY_DEPLOYMENT_GROUP is one of marathon-lb's zero-downtime deployment"
                    + " labels, which this gateway does not support; ignored",
            "HAPROXY_DEPLOYMENT_ALT_PORT|HAPROXY_DEPLOYMENT_ALT_PORT is one of marathon-lb's zero-downtime"
                    + " deployment labels, which this gateway does not support; ignored",
            "HAPROXY_0_ENABLED|HAPROXY_0_ENABLED is a marathon-lb label this gateway does not support; ignored",
            "HAPROXY_0_AUTH|HAPROXY_0_AUTH is a marathon-lb label this gateway does not support; ignored",
            "HAPROXY_0_USE_HSTS|HAPROXY_0_USE_HSTS is a marathon-lb label this gateway does not support; ignored",
            "HAPROXY_0_BIND_OPTIONS|HAPROXY_0_BIND_OPTIONS is a marathon-lb label this gateway does not support;"
                    + " ignored",
            "HAPROXY_0_FRONTEND_HEAD|HAPROXY_0_FRONTEND_HEAD looks like a marathon-lb template override; raw HAProxy"
                    + " configuration is not accepted from labels; ignored",
            "HAPROXY_0_BACKEND_HEAD|HAPROXY_0_BACKEND_HEAD looks like a marathon-lb template override; raw HAProxy"
                    + " configuration is not accepted from labels; ignored",
            "HAPROXY_0_BACKEND_SERVER_OPTIONS|HAPROXY_0_BACKEND_SERVER_OPTIONS looks like a marathon-lb template"
                    + " override; raw HAProxy configuration is not accepted from labels; ignored",
            "HAPROXY_0_VHOSTS|HAPROXY_0_VHOSTS is not a label this gateway knows; ignored",
            "HAPROXY_9_TYPO|HAPROXY_9_TYPO is not a label this gateway knows; ignored",
            "HAPROXY_MODE|HAPROXY_MODE is not a label this gateway knows; ignored",
            "HAPROXY_123456_VHOST|HAPROXY_123456_VHOST is not a label this gateway knows; ignored",
    })
    void unknownAndUnsupportedLabelsAreReported(String label, String message) {
        AppLabels labels = read(1, label, "x", "HAPROXY_0_MODE", "http");

        assertThat(onlyProblem(labels)).isEqualTo(new AppProblem("/app", label, message));
        assertThat(labels.port(0).mode()).isEqualTo(ProxyMode.HTTP);
    }

    @Test
    void labelsOutsideTheHaproxyNamespaceAreIgnoredSilently() {
        assertThat(LabelReader.read("/app", Map.of("haproxy_0_vhost", "x", "DCOS_SERVICE_NAME", "y",
                "HAPROXYGROUP", "z"), 1).problems()).isEmpty();
    }

    @Test
    void problemsComeInLabelNameOrderWhateverTheMap() {
        Map<String, String> labels = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            labels.put("HAPROXY_0_UNKNOWN" + i, "v");
        }
        List<String> expected = labels.keySet().stream().sorted().toList();

        assertThat(LabelReader.read("/app", labels, 1).problems()).extracting(AppProblem::label)
                .containsExactlyElementsOf(expected);
    }
}
