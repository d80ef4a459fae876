package io.mpaas.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.testkit.time.MutableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsHostResolverTest {

    final MutableClock clock = MutableClock.startingAt("2025-01-01T00:00:00Z");
    final Map<String, String> dns = new HashMap<>();
    final List<String> lookups = new ArrayList<>();
    final DnsHostResolver resolver = new DnsHostResolver(clock, Duration.ofSeconds(60), Duration.ofSeconds(10),
            host -> {
                lookups.add(host);
                String ip = dns.get(host);
                if (ip == null) {
                    throw new UnknownHostException(host);
                }
                return InetAddress.ofLiteral(ip);
            });

    @Test
    void anAnswerIsReusedUntilItsTimeToLiveEnds() {
        dns.put("agent1", "10.0.0.1");

        assertThat(resolver.resolve("agent1")).contains("10.0.0.1");
        dns.put("agent1", "10.0.0.2");
        clock.advance(Duration.ofSeconds(59));
        assertThat(resolver.resolve("agent1")).contains("10.0.0.1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(resolver.resolve("agent1")).contains("10.0.0.2");
        assertThat(lookups).containsExactly("agent1", "agent1");
    }

    @Test
    void aFailedLookupIsRetriedOnlyAfterTheRetryInterval() {
        assertThat(resolver.resolve("nowhere")).isEmpty();
        clock.advance(Duration.ofSeconds(9));
        assertThat(resolver.resolve("nowhere")).isEmpty();
        dns.put("nowhere", "10.0.0.3");
        clock.advance(Duration.ofSeconds(1));

        assertThat(resolver.resolve("nowhere")).contains("10.0.0.3");
        assertThat(lookups).hasSize(2);
    }

    @Test
    void aHostKeepsItsLastAddressWhileDnsFails() {
        dns.put("agent1", "10.0.0.1");
        resolver.resolve("agent1");
        dns.clear();
        clock.advance(Duration.ofSeconds(61));

        assertThat(resolver.resolve("agent1")).contains("10.0.0.1");
        clock.advance(Duration.ofSeconds(5));
        assertThat(resolver.resolve("agent1")).contains("10.0.0.1");
        assertThat(lookups).hasSize(2);
    }

    @Test
    void blankHostsAreNotLookedUp() {
        assertThat(resolver.resolve(null)).isEmpty();
        assertThat(resolver.resolve(" ")).isEmpty();
        assertThat(lookups).isEmpty();
    }

    @Test
    void theSystemResolverAnswersIpLiteralsWithoutDns() {
        DnsHostResolver system = DnsHostResolver.system(clock, RoutingSettings.defaults());

        assertThat(system.resolve("127.0.0.1")).contains("127.0.0.1");
        assertThat(system.resolve("::1")).contains("0:0:0:0:0:0:0:1");
    }

    @Test
    void aFixedResolverAnswersFromItsTable() {
        HostResolver fixed = HostResolver.fixed(Map.of("a", "10.0.0.1"));

        assertThat(fixed.resolve("a")).contains("10.0.0.1");
        assertThat(fixed.resolve("b")).isEmpty();
        assertThat(fixed.resolve(null)).isEmpty();
    }
}
