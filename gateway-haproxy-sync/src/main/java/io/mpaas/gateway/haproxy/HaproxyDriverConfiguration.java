package io.mpaas.gateway.haproxy;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HAProxy driver's beans. Creating them touches nothing: no file is written, no socket opened and no process
 * started. The sync writes the first config and then calls {@link HaproxyProcess#start()}.
 */
@Configuration(proxyBeanMethods = false)
class HaproxyDriverConfiguration {

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    RuntimeApi haproxyRuntimeApi(HaproxySettings settings) {
        return new RuntimeApi(settings);
    }

    @Bean
    MasterCli haproxyMasterCli(HaproxySettings settings, ObjectProvider<Clock> clock) {
        return new SocketMasterCli(settings, clock(clock));
    }

    @Bean
    ConfigFiles haproxyConfigFiles(HaproxySettings settings, ObjectProvider<Clock> clock) {
        return new ConfigFiles(settings, clock(clock));
    }

    @Bean
    Reloader haproxyReloader(MasterCli master, HaproxySettings settings, ObjectProvider<Clock> clock) {
        return new Reloader(master, settings, clock(clock));
    }

    @Bean
    HaproxyProcess haproxyProcess(HaproxySettings settings, MasterCli master, ObjectProvider<Clock> clock) {
        return new HaproxyProcess(settings, master, clock(clock), Sleeper.REAL);
    }
}
