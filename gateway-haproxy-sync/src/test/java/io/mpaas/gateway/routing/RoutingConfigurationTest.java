package io.mpaas.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class RoutingConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RoutingSettings.class)
    static class Settings {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, RoutingConfiguration.class, RoutingTableBuilder.class);

    @Test
    void theBuilderIsWiredWithTheCachingDnsResolverAndBoundSettings() {
        runner.withPropertyValues("gateway.routing.group=internal").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(HostResolver.class).isInstanceOf(DnsHostResolver.class);
            assertThat(context.getBean(RoutingSettings.class).group()).isEqualTo("internal");
            assertThat(context.getBean(RoutingTableBuilder.class).build(List.of()).backends()).isEmpty();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnResolver {
        @Bean
        HostResolver hostResolver() {
            return HostResolver.fixed(Map.of());
        }
    }

    @Test
    void anApplicationMayBringItsOwnResolver() {
        new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, OwnResolver.class, RoutingConfiguration.class,
                        RoutingTableBuilder.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(HostResolver.class).isNotInstanceOf(DnsHostResolver.class);
                });
    }
}
