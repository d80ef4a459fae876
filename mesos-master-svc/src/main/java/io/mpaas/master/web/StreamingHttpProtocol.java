package io.mpaas.master.web;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.coyote.Processor;
import org.apache.coyote.UpgradeToken;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.ApplicationBufferHandler;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 protocol sized for a master that holds one request open per agent and per
 * framework for their whole lives: every buffer Tomcat gives a request stays allocated while the
 * request is open, so at 20,000 agents each kilobyte per request is 20 MB of heap.
 *
 * <p>Without per-request JMX registration: Tomcat registers each request processor under one
 * global monitor (and unregisters it with a linear search), so ten thousand agents connecting at
 * once, as they do after a failover, queued for seconds on that monitor. Tomcat does that only
 * when the protocol has a JMX domain, and the domain is set only while the protocol names itself
 * for JMX; giving it a name up front leaves the domain unset. Tomcat's per-request JMX statistics
 * are lost, nothing else (the registry is disabled by Spring Boot anyway).
 *
 * <p>The header buffers are Spring Boot's settings ({@code server.max-http-request-header-size},
 * {@code server.tomcat.max-http-response-header-size} in application.yml).
 */
public class StreamingHttpProtocol extends Http11NioProtocol {

    /**
     * Socket read buffer per connection (Tomcat: 8 KB). Request headers and bodies are read into
     * the request's own buffer (header size plus this), so a small one costs large bodies a few
     * more reads, nothing else.
     */
    static final int SOCKET_READ_BUFFER_BYTES = 2048;

    /**
     * Socket write buffer per connection (Tomcat: 8 KB): a blocking write reaches the socket in
     * pieces of this size, so it sets the number of system calls for a large response (a 113 MB
     * {@code /master/state}: 28,000 at 4 KB). In the state benchmark (docs/benchmarks.md) 2 KB cost
     * that response about a fifth more CPU than 4 KB, and 8 KB about a sixth less.
     */
    static final int SOCKET_WRITE_BUFFER_BYTES = 4096;

    /**
     * The response buffer of each request, in bytes and again in chars (Tomcat: 8 KB + 8 K chars,
     * 24 KB). Each agent link holds one for its life and flushes every few records anyway; the
     * large answers ({@code /master/state}, the framework and operator streams) set their own
     * size with {@code setBufferSize}, which lasts for that response only.
     */
    static final int RESPONSE_BUFFER_BYTES = 1024;

    /**
     * Trailing headers of a chunked request (Tomcat: 8 KB, allocated for every request whether it
     * is chunked or not). No client of the master sends trailers.
     */
    static final int MAX_TRAILER_BYTES = 1024;

    public StreamingHttpProtocol() {
        getEndpoint().getSocketProperties().setAppReadBufSize(SOCKET_READ_BUFFER_BYTES);
        getEndpoint().getSocketProperties().setAppWriteBufSize(SOCKET_WRITE_BUFFER_BYTES);
        setMaxTrailerSize(MAX_TRAILER_BYTES);
        try {
            oname = new ObjectName("mpaas:type=ProtocolHandler,name=streaming-http");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A connection taken over from the container (the agents' links) no longer needs the HTTP
     * processor it was read with, and Tomcat releases that processor, but the socket keeps pointing
     * at the processor's input buffer as its application read buffer, and through it at the whole
     * request: about 25 KB per link that nothing uses (docs/benchmarks.md, heap per agent link).
     * The upgraded connection reads through its own buffers, so the socket is given an empty one.
     */
    @Override
    protected Processor createUpgradeProcessor(SocketWrapperBase<?> socket, UpgradeToken upgradeToken) {
        socket.setAppReadBufHandler(ApplicationBufferHandler.EMPTY);
        return super.createUpgradeProcessor(socket, upgradeToken);
    }

    @Override
    public int getDesiredBufferSize() {
        return RESPONSE_BUFFER_BYTES;
    }
}
