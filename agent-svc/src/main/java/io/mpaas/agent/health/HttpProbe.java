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
 *
 * <p>Each probe uses a client of its own, closed afterwards, so that each opens a new
 * connection as curl does: a pooled keep-alive connection would keep passing while the task
 * no longer accepts new ones. The cost is a short-lived selector thread per probe.
 */
final class HttpProbe implements HealthProbe {

    private final HealthCheckSpec.Http target;
    private final ContainerHandle container;
    private final Duration timeout;

    HttpProbe(HealthCheckSpec.Http target, ContainerHandle container, Duration timeout) {
        this.target = target;
        this.container = container;
        this.timeout = timeout;
    }

    @Override
    public CheckOutcome probe() throws InterruptedException {
        URI uri = uri(container.probeAddress(target.port()));
        String what = "HTTP GET " + uri;
        HttpClient client = HttpClient.newBuilder()
                // curl speaks HTTP/1.1 to http:// URLs; an h2c upgrade offer confuses some servers.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .sslContext(AnyCertificate.CONTEXT)
                .build();
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
            // Aborts an exchange still running (timed out or interrupted) without waiting for
            // it, and ends the client's threads.
            response.cancel(true);
            client.shutdownNow();
        }
    }

    /** {@code scheme://address:port/path}; the path is the task's, query included. */
    URI uri(InetSocketAddress address) {
        return URI.create(target.scheme() + "://" + HealthProbe.hostAndPort(address) + target.path());
    }

    /** Holder: the TLS context all HTTPS checks share, built on first use (it is immutable). */
    private static final class AnyCertificate {

        static final SSLContext CONTEXT = acceptingAnyCertificate();

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
