package io.mpaas.master.web;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * No {@code http.server.requests} observation (timer, long-task timer, tags) for the scheduler API
 * and the agent link: {@link MesosCallFilter} answers most of their requests, several per launched
 * task, and in the launch benchmark the observation around each cost about as much as the call
 * itself. A SUBSCRIBE would only be timed for the life of its stream.
 */
@Configuration(proxyBeanMethods = false)
class CallObservations {

    @Bean
    ObservationPredicate noMesosCallObservations() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && server.getCarrier() != null
                && MesosCallFilter.Endpoint.of(server.getCarrier().getRequestURI()) != null);
    }
}
