package io.mpaas.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code gateway.render.*} as Spring binds it, and the renderer built from it. */
class RenderSettingsBindingTest {

    @Configuration
    @EnableConfigurationProperties(RenderSettings.class)
    @Import(HaproxyConfigRenderer.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void bindsEveryProperty() {
        runner.withPropertyValues("gateway.render.templates-dir=/etc/gw/templates", "gateway.render.http-port=8080",
                "gateway.render.https-port=8443", "gateway.render.bind-address=10.0.0.1", "gateway.render.stats-port=9191",
                "gateway.render.stats-user=ops", "gateway.render.stats-password=pw",
                "gateway.render.admin-socket=/run/gw.sock", "gateway.render.maxconn=1000",
                "gateway.render.hard-stop-after=45s", "gateway.render.server-state-file=/var/lib/gw/state",
                "gateway.render.default-ssl-cert=/etc/gw/default.pem").run(ctx -> {
                    assertThat(ctx).hasSingleBean(HaproxyConfigRenderer.class);
                    assertThat(ctx.getBean(RenderSettings.class)).isEqualTo(new RenderSettings(
                            Path.of("/etc/gw/templates"), 8080, 8443, "10.0.0.1", 9191, "ops", "pw", "/run/gw.sock", 1000,
                            Duration.ofSeconds(45), "/var/lib/gw/state", "/etc/gw/default.pem"));
                });
    }

    @Test
    void withoutPropertiesEverySettingIsItsDefault() {
        runner.run(ctx -> assertThat(ctx.getBean(RenderSettings.class)).isEqualTo(RenderSettings.DEFAULTS));
    }
}
