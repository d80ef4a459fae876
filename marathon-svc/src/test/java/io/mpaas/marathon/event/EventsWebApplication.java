package io.mpaas.marathon.event;

import io.mpaas.testkit.time.MutableClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Only the event feature on a real Tomcat: the bus, both controllers, an in-memory subscription store, a clock
 * stopped at {@link #NOW} (so payloads are exact) and a sink that records what the bus published.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class})
@EnableConfigurationProperties(EventsProperties.class)
@Import({EventBus.class, CallbackDispatcher.class, EventStreamController.class, EventSubscriptionController.class})
class EventsWebApplication {

    static final String NOW = "2024-05-01T10:00:00.000Z";

    @Bean
    MutableClock clock() {
        return MutableClock.startingAt(NOW);
    }

    @Bean
    InMemoryEventSubscriptionRepository subscriptions() {
        return new InMemoryEventSubscriptionRepository();
    }

    @Bean
    RecordingSink recordingSink() {
        return new RecordingSink();
    }
}
