package io.mpaas.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZkUrlTest {

    private static final String EXPECTED = "expected zk://[user:password@]host:port[,host:port...]/path";

    @Test
    void readsOneHostAndAPath() {
        ZkUrl url = ZkUrl.parse("zk://localhost:2181/mesos");

        assertThat(url.servers()).containsExactly("localhost:2181");
        assertThat(url.connectString()).isEqualTo("localhost:2181");
        assertThat(url.path()).isEqualTo("/mesos");
        assertThat(url.digest()).isEmpty();
    }

    @Test
    void readsAnEnsembleInOrder() {
        ZkUrl url = ZkUrl.parse("zk://zk1:2181,zk2:2182,10.0.0.3:2183/mesos");

        assertThat(url.connectString()).isEqualTo("zk1:2181,zk2:2182,10.0.0.3:2183");
    }

    @Test
    void readsDigestCredentialsUpToTheLastAtSign() {
        ZkUrl url = ZkUrl.parse("zk://mesos:s3cr@t:x@zk1:2181,zk2:2181/mesos");

        assertThat(url.digest()).contains(new ZkUrl.Digest("mesos", "s3cr@t:x"));
        assertThat(url.connectString()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(new String(url.digest().orElseThrow().authBytes())).isEqualTo("mesos:s3cr@t:x");
    }

    @Test
    void fillsInZooKeepersDefaultPortAndKeepsIpv6Brackets() {
        ZkUrl url = ZkUrl.parse("zk://zk1,[::1]:2182,[fe80::1]/mesos");

        assertThat(url.servers()).containsExactly("zk1:2181", "[::1]:2182", "[fe80::1]:2181");
    }

    @Test
    void acceptsNestedPathsTrailingSlashesAndSurroundingBlanks() {
        ZkUrl url = ZkUrl.parse("  zk://zk1:2181/platform/prod/mesos/  ");

        assertThat(url.path()).isEqualTo("/platform/prod/mesos");
    }

    @Test
    void neverShowsThePassword() {
        ZkUrl url = ZkUrl.parse("zk://mesos:hunter2@zk1:2181/mesos");

        assertThat(url).hasToString("zk://mesos:****@zk1:2181/mesos");
        assertThat(url.digest().orElseThrow()).hasToString("Digest[username=mesos, password=****]");
    }

    @Test
    void printsBackAsAUrlItReadsTheSame() {
        ZkUrl url = ZkUrl.parse("zk://zk1:2181,zk2:2181/mesos");

        assertThat(ZkUrl.parse(url.toString())).isEqualTo(url);
    }

    @Test
    void emptyUrl() {
        assertThatThrownBy(() -> ZkUrl.parse(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ZooKeeper URL is empty: " + EXPECTED);
        assertThatThrownBy(() -> ZkUrl.parse(null))
                .hasMessage("ZooKeeper URL is empty: " + EXPECTED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            http://zk1:2181/mesos         | ZooKeeper URL 'http://zk1:2181/mesos' has the wrong scheme: %s
            zk1:2181/mesos                | ZooKeeper URL 'zk1:2181/mesos' has the wrong scheme: %s
            ZK://zk1:2181/mesos           | ZooKeeper URL 'ZK://zk1:2181/mesos' has the wrong scheme: %s
            http://u:hunter2@zk1/mesos    | ZooKeeper URL 'http://****@zk1/mesos' has the wrong scheme: %s
            zk://zk1:2181                 | ZooKeeper URL 'zk://zk1:2181' has no path: %s, e.g. zk://localhost:2181/mesos
            zk://zk1:2181/                | ZooKeeper URL 'zk://zk1:2181/' has no path: %s, e.g. zk://localhost:2181/mesos
            zk:///mesos                   | ZooKeeper URL 'zk:///mesos' names no hosts: %s
            zk://u:hunter2@/mesos         | ZooKeeper URL 'zk://****@/mesos' names no hosts: %s
            zk://zk1:2181,,zk2:2181/mesos | ZooKeeper URL 'zk://zk1:2181,,zk2:2181/mesos' has an empty host in 'zk1:2181,,zk2:2181'
            zk://zk1:2181,/mesos          | ZooKeeper URL 'zk://zk1:2181,/mesos' has an empty host in 'zk1:2181,'
            zk://:2181/mesos              | ZooKeeper URL 'zk://:2181/mesos' has an empty host in ':2181'
            zk://zk1:abc/mesos            | ZooKeeper URL 'zk://zk1:abc/mesos' has a bad port 'abc' in 'zk1:abc': expected a number from 1 to 65535
            zk://zk1:/mesos               | ZooKeeper URL 'zk://zk1:/mesos' has a bad port '' in 'zk1:': expected a number from 1 to 65535
            zk://zk1:0/mesos              | ZooKeeper URL 'zk://zk1:0/mesos' has a bad port '0' in 'zk1:0': expected a number from 1 to 65535
            zk://zk1:65536/mesos          | ZooKeeper URL 'zk://zk1:65536/mesos' has a bad port '65536' in 'zk1:65536': expected a number from 1 to 65535
            zk://zk1:-1/mesos             | ZooKeeper URL 'zk://zk1:-1/mesos' has a bad port '-1' in 'zk1:-1': expected a number from 1 to 65535
            zk://[::1]:x/mesos            | ZooKeeper URL 'zk://[::1]:x/mesos' has a bad port 'x' in '[::1]:x': expected a number from 1 to 65535
            zk://[::1/mesos               | ZooKeeper URL 'zk://[::1/mesos' has a malformed IPv6 host '[::1': expected [address]:port
            zk://fe80::1:2181/mesos       | ZooKeeper URL 'zk://fe80::1:2181/mesos' has a host with several colons 'fe80::1:2181': write IPv6 addresses in brackets, [address]:port
            zk://hunter2@zk1:2181/mesos   | ZooKeeper URL 'zk://****@zk1:2181/mesos' has malformed credentials: expected zk://user:password@host:port/path
            zk://:hunter2@zk1:2181/mesos  | ZooKeeper URL 'zk://****@zk1:2181/mesos' has malformed credentials: expected zk://user:password@host:port/path
            """)
    void rejectsWithAMessageNamingTheProblem(String url, String message) {
        assertThatThrownBy(() -> ZkUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message.formatted(EXPECTED));
    }

    @Test
    void rejectsPathsZooKeeperWouldRefuse() {
        assertThatThrownBy(() -> ZkUrl.parse("zk://zk1:2181/mesos//x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ZooKeeper URL 'zk://zk1:2181/mesos//x' has an invalid path '/mesos//x': ")
                .hasMessageContaining("empty node name");
        assertThatThrownBy(() -> ZkUrl.parse("zk://zk1:2181/mesos/./x"))
                .hasMessageStartingWith("ZooKeeper URL 'zk://zk1:2181/mesos/./x' has an invalid path '/mesos/./x': ");
    }

    @Test
    void theRecordItselfRefusesNoServersAndRelativePaths() {
        assertThatThrownBy(() -> new ZkUrl(List.of(), "/mesos", Optional.empty()))
                .hasMessage("a ZooKeeper URL needs at least one server");
        assertThatThrownBy(() -> new ZkUrl(List.of("zk1:2181"), "mesos", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
