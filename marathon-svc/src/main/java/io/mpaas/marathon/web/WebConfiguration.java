package io.mpaas.marathon.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The web layer's wiring: {@link IdPath} routing, the path normalizer ahead of every other filter
 * (Spring Security's included), Marathon's response headers, and Tomcat letting {@code %2F} through.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Runs before Spring Security (whose filter chain is ordered at -100). */
    static final int NORMALIZER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    WebMvcRegistrations idPathRegistrations() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IdPathHandlerMapping();
            }
        };
    }

    @Bean
    FilterRegistrationBean<RequestPathNormalizer> requestPathNormalizer() {
        FilterRegistrationBean<RequestPathNormalizer> registration = new FilterRegistrationBean<>(
                new RequestPathNormalizer());
        registration.setOrder(NORMALIZER_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MarathonHeaders> marathonHeaders() {
        FilterRegistrationBean<MarathonHeaders> registration = new FilterRegistrationBean<>(new MarathonHeaders());
        registration.setOrder(NORMALIZER_ORDER + 1);
        return registration;
    }

    /**
     * Tomcat rejects {@code %2F} in a path with a bare 400 by default; Marathon clients send app ids
     * that way ({@code /v2/apps/%2Fgroup%2Fapp}), so it passes them on and {@link RequestPathNormalizer}
     * turns them into slashes.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesPassThrough() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
