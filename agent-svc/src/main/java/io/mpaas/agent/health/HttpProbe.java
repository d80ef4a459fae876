package io.mpaas.agent.health;

import io.mpaas.agent.container.ContainerHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An HTTP(S) health check: a GET of the task's port and path, healthy when the final status
 * (after redirects) is accepted by the check. Does what Mesos's {@code curl -s -S -L -k}
 * does: follows redirects, and for HTTPS accepts any certificate and any host name, because
 * a task's certificate is made for the names clients use, not for the address the agent
 * probes.
 */
final class HttpProbe implements HealthProbe {

    private final HealthCheckSpec.Http target;
    private final ContainerHandle container;
    private final Duration timeout;
    private final HttpClient client;

    HttpProbe(HealthCheckSpec.Http target, ContainerHandle container, Duration timeout, HttpClient client) {
        this.target = target;
        this.container = container;
        this.timeout = timeout;
        this.client = client;
    }

    /**
     * The client all HTTP checks of this agent share: one client has one selector thread and
     * one connection pool, where one per task would cost a platform thread each.
     */
    static HttpClient sharedClient() {
        return SharedClient.CLIENT;
    }

    @Override
    public CheckOutcome probe() throws InterruptedException {
        URI uri = uri(container.probeAddress(target.port()));
        String what = "HTTP GET " + uri;
        CompletableFuture<HttpResponse<Void>> response =
                client.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding());
        try {
            // One deadline for the whole exchange, body included, like Mesos's limit on the
            // curl process; the client's own request timeout ends at the headers.
            int status = (timeout.isZero() ? response.get() : response.get(timeout.toNanos(), TimeUnit.NANOSECONDS))
                    .statusCode();
            String message = what + " returned " + status;
            return target.accepts(status) ? CheckOutcome.passed(message) : CheckOutcome.failed(message);
        } catch (TimeoutException e) {
            return CheckOutcome.timedOut(what, timeout);
        } catch (ExecutionException e) {
            return CheckOutcome.failed(what, e.getCause());
        } finally {
            // Aborts the exchange when it is still running (timed out or interrupted).
            response.cancel(true);
        }
    }

    /** {@code scheme://address:port/path}; the path is the task's, query included. */
    URI uri(InetSocketAddress address) {
        return URI.create(target.scheme() + "://" + HealthProbe.hostAndPort(address) + target.path());
    }

    /** Holder: the client is built on first use, so that an agent without HTTP checks never builds it. */
    private static final class SharedClient {

        static final HttpClient CLIENT = HttpClient.newBuilder()
                // curl speaks HTTP/1.1 to http:// URLs; an h2c upgrade offer confuses some servers.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .sslContext(acceptingAnyCertificate())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();

        private static SSLContext acceptingAnyCertificate() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available in this JVM", e);
            }
        }
    }

    /**
     * Trusts every server certificate. Being an {@link X509ExtendedTrustManager} matters: the
     * JDK checks the host name inside the trust manager for these, and wraps any other kind in
     * one that checks it anyway.
     */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a health check is never a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a health check is never a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a health check is never a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
