package io.mpaas.master.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.ha.LeaderGate;
import io.mpaas.protocol.mesos.MasterInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Agent admission: what a request has done before it takes one of the few permits. */
class AgentAdmissionTest {

    private final Cluster cluster = new Cluster();
    private final AgentAdmission admission = new AgentAdmission(new LeaderGate(cluster, Optional::empty));

    private static MockHttpServletRequest agentCall(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/agent");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void theBodyIsReadBeforeThePermitAndServedFromMemory() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
                try {
                    seen.set(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        admission.doFilter(agentCall("{\"type\":\"PONG\"}"), new MockHttpServletResponse(), chain);
        assertThat(seen.get()).isEqualTo("{\"type\":\"PONG\"}");
    }

    @Test
    void aBodyOfUnknownLengthIsLeftToTheController() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/agent");
        assertThat(AgentAdmission.withBodyRead(request)).isSameAs(request);
        HttpServletRequest wrapped = AgentAdmission.withBodyRead(agentCall("{}"));
        assertThat(wrapped.getReader().readLine()).isEqualTo("{}");
    }

    @Test
    void onALeaderStillReadingItsRegistryTheRequestWaitsBeforeItIsAdmitted() throws Exception {
        cluster.locked(() -> cluster.startTerm(MasterInfo.of("m1", "master1", "10.0.0.1", 5050), Instant.EPOCH));
        MockFilterChain chain = new MockFilterChain();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try {
                admission.doFilter(agentCall("{}"), new MockHttpServletResponse(), chain);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        Awaitility.await("the call waiting for recovery").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                .until(() -> chain.getRequest() == null);
        cluster.locked(cluster::markRecovered);
        call.get(5, TimeUnit.SECONDS);
        assertThat(chain.getRequest()).isNotNull();
    }
}
