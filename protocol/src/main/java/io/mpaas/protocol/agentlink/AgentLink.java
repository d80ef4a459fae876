package io.mpaas.protocol.agentlink;

import io.mpaas.protocol.http.StreamingPost;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.client.MasterLocator;
import io.mpaas.protocol.recordio.RecordIoReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's end of the agent link: keeps one subscription to the leading master open,
 * re-subscribing (with the agent's id and what it runs) after every break, following 307s to
 * the leader, answering PINGs, and giving up on a master that stops pinging (it may have lost
 * leadership silently) after as many pings as the master itself would wait for.
 */
public final class AgentLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentLink.class);
    private static final String PATH = "/api/v1/agent";

    /**
     * How long the master may take to start answering a SUBSCRIBE: it may queue registrations (agents
     * coming back after a failover) and wait for its registry to be read.
     */
    private static final Duration SUBSCRIBE_ANSWER_TIMEOUT = Duration.ofMinutes(1);

    /** What the agent does with what the master sends. Called on the link's reader thread, in order. */
    public interface Handler {
        /** The master accepted the (re-)registration. */
        void onRegistered(AgentEvent.Registered registered);

        /** Any other event (PINGs are answered by the link itself and not passed on). */
        void onEvent(AgentEvent event);

        /** The link broke; it will reconnect by itself. */
        default void onDisconnected(String reason) {
        }
    }

    /**
     * @param master where to find the leading master (a static list or the ZooKeeper detector); may know none for a while
     * @param credentials {@code principal:secret} for HTTP Basic, or null
     * @param maxBackoff longest wait between reconnection attempts; Mesos agents back off up to a minute
     */
    public record Settings(MasterLocator master, String credentials, Duration minBackoff,
            Duration maxBackoff, Duration requestTimeout) {
    }

    private final Settings settings;
    private final HttpClient http;
    private final Supplier<AgentCall.Subscribe> subscribe;
    private final Handler handler;
    private volatile boolean running;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile URI lastMaster;
    /** The last attempt was answered 503. */
    private volatile boolean unavailable;
    private volatile Thread reader;
    private volatile URI leader;
    private volatile String streamId;
    private volatile AgentId agentId;
    private volatile InputStream currentStream;
    /** When the current stream last delivered anything (System.nanoTime), and how much silence is too much. */
    private volatile long lastEventNanos;
    private volatile long silenceLimitNanos;
    private final LinkCalls calls;
    /** The {@code Authorization} header's value, or null without credentials. */
    private final String authorization;

    /**
     * @param subscribe builds the SUBSCRIBE for each (re)connection: no id the first time, then
     *     the agent's id and its tasks
     */
    public AgentLink(Settings settings, HttpClient http, Supplier<AgentCall.Subscribe> subscribe, Handler handler) {
        this(settings, http, LinkCalls.through(http), subscribe, handler);
    }

    /**
     * @param http opens the link (its streamed answer is read off a socket of its own for an {@code http}
     *     master; {@code http} serves an {@code https} one)
     * @param calls carries the agent's calls (updates, PONGs); closed with the link
     */
    public AgentLink(Settings settings, HttpClient http, LinkCalls calls, Supplier<AgentCall.Subscribe> subscribe,
            Handler handler) {
        this.settings = settings;
        this.http = http;
        this.calls = calls;
        this.authorization = settings.credentials() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(settings.credentials().getBytes(StandardCharsets.UTF_8));
        this.subscribe = subscribe;
        this.handler = handler;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        reader = Thread.ofVirtual().name("agent-link").start(this::run);
        Thread.ofVirtual().name("agent-link-watchdog").start(this::watchSilence);
    }

    /**
     * Drops a stream on which the master has been silent for as many pings as it would itself
     * wait for: a master that lost leadership without closing its connections (a partition, a
     * stuck process) must not hold the agent.
     */
    private void watchSilence() {
        try {
            // Checked at a fifth of the limit (once a second until it is known): timely, yet ten
            // thousand agents in one process do not wake ten thousand threads every second.
            while (running && !stopped.await(silenceLimitNanos > 0 ? silenceLimitNanos / 5 : 1_000_000_000L,
                    java.util.concurrent.TimeUnit.NANOSECONDS)) {
                long limit = silenceLimitNanos;
                if (streamId != null && limit > 0 && System.nanoTime() - lastEventNanos > limit) {
                    log.warn("No ping from the master for {} s; reconnecting", limit / 1_000_000_000L);
                    closeStream();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public AgentId agentId() {
        return agentId;
    }

    public boolean isConnected() {
        return streamId != null;
    }

    /** Posts a call on the current link; completes exceptionally when there is none or the master refuses it. */
    public CompletableFuture<Void> send(AgentCall call) {
        URI base = leader;
        String stream = streamId;
        if (base == null || stream == null) {
            return CompletableFuture.failedFuture(new IOException("agent link is not connected"));
        }
        return calls.post(base.resolve(PATH), MesosJson.write(call), settings.requestTimeout(), headers(stream));
    }

    /** Drops the current connection (it reconnects by itself); for tests of re-registration. */
    public void reconnect() {
        closeStream();
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        closeStream();
        calls.close();
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
    }

    private void closeStream() {
        InputStream in = currentStream;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                log.debug("Closing link stream: {}", e.toString());
            }
        }
    }

    private void run() {
        long attempt = 0;
        while (running) {
            String outcome;
            try {
                outcome = connectOnce();
                attempt = outcome == null || unavailable ? 0 : attempt + 1;
            } catch (IOException e) {
                outcome = e.toString();
                attempt++;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                outcome = e.toString();
                attempt++;
                log.warn("Agent link failed", e);
            }
            streamId = null;
            currentStream = null;
            if (!running) {
                return;
            }
            handler.onDisconnected(outcome == null ? "stream ended" : outcome);
            // A 503 (a leader still recovering, or none elected yet) is retried soon: it changes within
            // moments. Spread over a second, like a Mesos agent's registration backoff, so that
            // thousands of agents do not come back in one wave.
            Duration wait = unavailable ? Duration.ofMillis(ThreadLocalRandom.current().nextLong(100, 1001))
                    : backoff(attempt);
            unavailable = false;
            try {
                if (settings.master().pause(wait, lastMaster, stopped)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Random wait in [min, min * 2^attempt], capped: agents that lost a master do not all come back at once. */
    Duration backoff(long attempt) {
        long min = settings.minBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long upper = Math.min(cap, min << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, min / 2), Math.max(min, upper) + 1));
    }

    /** One connection: subscribe (following redirects), then read until it ends. Returns null when it ended after working. */
    private String connectOnce() throws IOException, InterruptedException {
        Optional<URI> found = settings.master().current();
        if (found.isEmpty()) {
            return "no leading master known";
        }
        URI base = found.get();
        lastMaster = base;
        try {
            return subscribeAndRead(base);
        } catch (IOException e) {
            settings.master().unusable(base);
            throw e;
        }
    }

    private String subscribeAndRead(URI base) throws IOException, InterruptedException {
        for (int hops = 0; hops < 5; hops++) {
            AgentCall.Subscribe call = subscribe.get();
            StreamingPost.Answer response = StreamingPost.open(http, base.resolve(PATH),
                    MesosJson.write(AgentCall.subscribe(call)), settings.requestTimeout(), SUBSCRIBE_ANSWER_TIMEOUT,
                    headers(null));
            int status = response.status();
            if (status == 307) {
                response.close();
                base = redirectTarget(base, response.header("Location").orElse(null));
                if (base == null) {
                    return "redirect without a usable Location";
                }
                continue;
            }
            if (status == 503) {
                settings.master().unusable(base);
                unavailable = true;
            }
            if (status != 200) {
                String body;
                try (response) {
                    body = new String(response.body().readNBytes(4096), StandardCharsets.UTF_8);
                }
                return "master answered " + status + ": " + body;
            }
            leader = base;
            return readEvents(response);
        }
        return "too many redirects";
    }

    private String readEvents(StreamingPost.Answer response) throws IOException {
        currentStream = response.body();
        String stream = response.header("Mesos-Stream-Id").orElse(null);
        try (RecordIoReader records = new RecordIoReader(response.body())) {
            byte[] record;
            boolean registered = false;
            lastEventNanos = System.nanoTime();
            while (running && (record = records.next()) != null) {
                lastEventNanos = System.nanoTime();
                AgentEvent event = MesosJson.read(record, AgentEvent.class);
                if (event.type() == AgentEvent.Type.REGISTERED && event.registered() != null) {
                    AgentEvent.Registered r = event.registered();
                    if (r.pingIntervalSeconds() != null && r.maxMissedPings() != null) {
                        silenceLimitNanos = (long) (r.pingIntervalSeconds() * r.maxMissedPings() * 1e9);
                    }
                    agentId = event.registered().agentId();
                    streamId = stream;
                    registered = true;
                    handler.onRegistered(event.registered());
                } else if (event.type() == AgentEvent.Type.PING && event.ping() != null) {
                    long seq = event.ping().sequence() == null ? 0 : event.ping().sequence();
                    send(AgentCall.pong(agentId, seq));
                } else if (event.type() == AgentEvent.Type.ERROR) {
                    return "master refused the agent: " + (event.error() == null ? "" : event.error().message());
                } else if (event.type() != null) {
                    handler.onEvent(event);
                }
            }
            return registered ? null : "stream ended before registration";
        }
    }

    /** Resolves a protocol-relative {@code //host:port/path} Location against the current master. */
    static URI redirectTarget(URI current, String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        URI target = current.resolve(location.startsWith("//") ? current.getScheme() + ":" + location : location);
        return URI.create(target.getScheme() + "://" + target.getRawAuthority());
    }

    /**
     * The headers of every call, name and value pairs: JSON both ways, the credentials, and the stream
     * (null for SUBSCRIBE: left out).
     */
    private String[] headers(String streamId) {
        return new String[] {"Content-Type", "application/json", "Accept", "application/json",
            "Authorization", authorization, "Mesos-Stream-Id", streamId};
    }
}
