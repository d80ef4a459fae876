package io.mpaas.protocol.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulerEndpointTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
        "http://m1:5050,          //m2:5051/api/v1/scheduler,        http://m2:5051",
        "https://m1:5050,         //m2:5051/api/v1/scheduler,        https://m2:5051",
        "http://m1:5050,          http://m2:5051/api/v1/scheduler,   http://m2:5051",
        "http://m1:5050,          //m2:5051,                         http://m2:5051",
        "http://proxy/mesos,      //proxy2/mesos/api/v1/scheduler,   http://proxy2/mesos",
        "http://m1:5050,          /api/v1/scheduler,                 http://m1:5050",
        "http://[::1]:5050,       //[::2]:5050/api/v1/scheduler,     http://[::2]:5050"
    })
    void resolvesARedirectAgainstTheCurrentScheme(String from, String location, String to) {
        SchedulerEndpoint endpoint = new SchedulerEndpoint(URI.create(from));

        assertThat(endpoint.redirectedTo(location).master()).isEqualTo(URI.create(to));
    }

    @Test
    void rejectsARedirectWithoutAHost() {
        SchedulerEndpoint endpoint = new SchedulerEndpoint(URI.create("http://m1:5050"));

        assertThatThrownBy(() -> endpoint.redirectedTo("mailto:x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postsJsonToTheSchedulerPathWithBasicCredentials() {
        SchedulerClientSettings settings = SchedulerClientSettings.defaults()
                .withCredential(new Credential("marathon", "s3cret"));

        HttpRequest request = new SchedulerEndpoint(URI.create("http://m1:5050/")).post(new byte[] {'{', '}'}, settings,
                "stream-1").build();

        assertThat(request.uri()).isEqualTo(URI.create("http://m1:5050/api/v1/scheduler"));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(request.headers().firstValue("Accept")).contains("application/json");
        assertThat(request.headers().firstValue("Authorization")).contains("Basic bWFyYXRob246czNjcmV0");
        assertThat(request.headers().firstValue("Mesos-Stream-Id")).contains("stream-1");
        assertThat(request.timeout()).contains(settings.requestTimeout());
    }

    @Test
    void aCredentialKeepsItsSecretOutOfLogs() {
        assertThat(new Credential("marathon", "s3cret").toString()).doesNotContain("s3cret").contains("marathon");
    }
}
