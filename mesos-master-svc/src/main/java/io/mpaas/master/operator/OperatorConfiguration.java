package io.mpaas.master.operator;

import io.mpaas.master.MasterProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operator feature's objects that are not components themselves: the v0 renderer and what it says about the build. */
@Configuration(proxyBeanMethods = false)
class OperatorConfiguration {

    @Bean
    MasterBuild masterBuild(ObjectProvider<BuildProperties> build) {
        return MasterBuild.of(build.getIfAvailable());
    }

    @Bean
    StateRenderer stateRenderer(MasterBuild build, MasterProperties master) {
        return new StateRenderer(build, master.cluster());
    }
}
