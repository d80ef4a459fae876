package io.mpaas.marathon.framework;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How marathon registers with the master ({@code marathon.mesos.*}).
 *
 * @param master          {@code http://host:5050} (comma-separated for several) or {@code zk://host:2181/mesos}
 * @param principal       the framework's credential at the master; empty for none
 * @param failoverTimeout how long the master keeps marathon's tasks while no marathon is
 *                        subscribed: a week, as Marathon's default, so a long outage of all
 *                        marathons does not kill every app
 * @param webuiUrl        shown by the master's UI as the framework's link
 */
@ConfigurationProperties("marathon.mesos")
public record MesosProperties(
        @DefaultValue("http://localhost:5050") String master,
        @DefaultValue("") String principal,
        @DefaultValue("") String secret,
        @DefaultValue("marathon") String frameworkName,
        @DefaultValue("*") String role,
        @DefaultValue("root") String user,
        @DefaultValue("7d") Duration failoverTimeout,
        @DefaultValue("") String webuiUrl) {
}
