package io.mpaas.master.web;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's NIO HTTP/1.1 protocol without per-request JMX registration. Every agent and framework
 * holds one request open for its whole life; Tomcat registers each request processor under one
 * global monitor (and unregisters it with a linear search), so ten thousand agents connecting at
 * once, as they do after a failover, queued for seconds on that monitor. Tomcat does that only
 * when the protocol has a JMX domain, and the domain is set only while the protocol names itself
 * for JMX; giving it a name up front leaves the domain unset. Tomcat's per-request JMX statistics
 * are lost, nothing else (the registry is disabled by Spring Boot anyway).
 */
public class StreamingHttpProtocol extends Http11NioProtocol {

    /**
     * Socket buffers per connection. Tomcat's default (8 KB each way) costs ten thousand agents
     * 160 MB for links that mostly carry pings; records larger than this are still written whole.
     */
    static final int SOCKET_BUFFER_BYTES = 4096;

    public StreamingHttpProtocol() {
        getEndpoint().getSocketProperties().setAppReadBufSize(SOCKET_BUFFER_BYTES);
        getEndpoint().getSocketProperties().setAppWriteBufSize(SOCKET_BUFFER_BYTES);
        try {
            oname = new ObjectName("mpaas:type=ProtocolHandler,name=streaming-http");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
