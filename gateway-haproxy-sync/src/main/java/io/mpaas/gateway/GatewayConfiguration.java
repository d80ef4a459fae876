package io.mpaas.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.mpaas.gateway.haproxy.ConfigFiles;
import io.mpaas.gateway.haproxy.HaproxySettings;
import io.mpaas.gateway.haproxy.Reloader;
import io.mpaas.gateway.haproxy.RuntimeApi;
import io.mpaas.gateway.marathon.DiscoveredMarathons;
import io.mpaas.gateway.marathon.MarathonDiscoverySettings;
import io.mpaas.gateway.marathon.MarathonFeed;
import io.mpaas.gateway.marathon.MarathonFeedStatus;
import io.mpaas.gateway.marathon.MarathonLocator;
import io.mpaas.gateway.marathon.MarathonSettings;
import io.mpaas.gateway.render.HaproxyConfigRenderer;
import io.mpaas.gateway.render.RenderSettings;
import io.mpaas.gateway.routing.RoutingTableBuilder;
import io.mpaas.gateway.sync.GatewaySync;
import io.mpaas.gateway.sync.HaproxyProxy;
import io.mpaas.gateway.sync.SyncMetrics;
import io.mpaas.gateway.sync.SyncSettings;
import io.mpaas.gateway.web.ServiceUrls;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ties the gateway's parts together: marathon's feed tells the sync, which builds the routing table, renders
 * and drives HAProxy. The order of start-up lives in {@link GatewayLifecycle}.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The renderer writes the admin socket that the runtime API talks to: one path, from the HAProxy settings. */
    @Bean
    HaproxyConfigRenderer haproxyConfigRenderer(RenderSettings render, HaproxySettings haproxy) {
        return new HaproxyConfigRenderer(render.withAdminSocket(haproxy.adminSocket().toString()));
    }

    @Bean
    SyncMetrics syncMetrics(MeterRegistry registry) {
        return new SyncMetrics(registry);
    }

    @Bean
    HaproxyProxy haproxyProxy(RuntimeApi runtime, ConfigFiles files, Reloader reloader) {
        return new HaproxyProxy(runtime, files, reloader);
    }

    @Bean
    GatewaySync gatewaySync(RoutingTableBuilder builder, HaproxyConfigRenderer renderer, HaproxyProxy proxy,
            SyncSettings settings, SyncMetrics metrics, Clock clock, HaproxySettings haproxy) {
        return new GatewaySync(apps -> builder.build(List.copyOf(apps)), renderer::render, proxy, settings, metrics,
                clock, haproxy.mode() == HaproxySettings.Mode.ATTACHED);
    }

    @Bean
    MarathonFeed marathonFeed(MarathonSettings settings, MarathonDiscoverySettings discoverySettings,
            DiscoveryClient discovery, GatewaySync sync, Clock clock) {
        MarathonLocator locator = new DiscoveredMarathons(discovery, discoverySettings.serviceId(),
                MarathonLocator.of(settings));
        return new MarathonFeed(settings, locator, sync, clock);
    }

    @Bean
    ServiceUrls serviceUrls(RenderSettings render, @Value("${gateway.public-host:localhost}") String publicHost) {
        return new ServiceUrls(publicHost, render.httpPort(), render.httpsPort());
    }

    @Bean
    Supplier<io.mpaas.gateway.sync.SyncStatus> syncStatus(GatewaySync sync) {
        return sync::status;
    }

    @Bean
    java.util.function.BooleanSupplier syncRunning(GatewaySync sync) {
        return sync::running;
    }

    @Bean
    Supplier<MarathonFeedStatus> feedStatus(MarathonFeed feed) {
        return feed::status;
    }
}
