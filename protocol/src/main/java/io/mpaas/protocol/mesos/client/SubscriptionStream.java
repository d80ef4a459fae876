package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Event;
import io.mpaas.protocol.recordio.RecordIoReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open SUBSCRIBE response: reads RecordIO records by their length prefixes (never by HTTP
 * chunks), decodes each as an {@link Event} and feeds the watchdog. Any thread may
 * {@link #abort} it; that closes the body, which unblocks the reader.
 */
final class SubscriptionStream {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionStream.class);

    /** Takes each decoded event; answers {@code false} to stop reading. */
    @FunctionalInterface
    interface EventHandler {
        boolean onEvent(Event event);
    }

    /** Why reading stopped. */
    record End(Disconnection.Cause cause, String detail) {
    }

    private final URI master;
    private final String streamId;
    private final InputStream body;
    private final HeartbeatWatchdog watchdog;
    private volatile End aborted;
    private volatile End end;

    SubscriptionStream(URI master, String streamId, InputStream body, HeartbeatWatchdog watchdog) {
        this.master = master;
        this.streamId = streamId;
        this.body = body;
        this.watchdog = watchdog;
    }

    URI master() {
        return master;
    }

    String streamId() {
        return streamId;
    }

    HeartbeatWatchdog watchdog() {
        return watchdog;
    }

    /** Reads until the stream ends, breaks, is aborted or the handler stops; then {@link #end()} tells why. */
    void readAll(EventHandler handler) {
        End natural;
        try (RecordIoReader reader = new RecordIoReader(body)) {
            natural = read(reader, handler);
        } catch (IOException e) {
            natural = new End(Disconnection.Cause.STREAM_BROKEN, MasterConnector.describe(e));
        }
        // An abort closes the body, which surfaces here as an I/O error: the abort's reason wins.
        End abortedWith = aborted;
        end = abortedWith != null ? abortedWith : natural;
    }

    private End read(RecordIoReader reader, EventHandler handler) throws IOException {
        while (true) {
            byte[] record = reader.next();
            if (record == null) {
                return new End(Disconnection.Cause.STREAM_ENDED, "the master closed the stream");
            }
            watchdog.eventSeen();
            Event event;
            try {
                event = MesosJson.read(record, Event.class);
            } catch (IllegalArgumentException e) {
                // One event we cannot read is skipped: the framing is intact, so the next one is fine.
                log.warn("skipping an undecodable event from {} ({}): {}", master, e.getMessage(),
                        abbreviate(new String(record, StandardCharsets.UTF_8)));
                continue;
            }
            if (!handler.onEvent(event)) {
                return new End(Disconnection.Cause.STREAM_ENDED, "stopped reading after " + event.type());
            }
        }
    }

    /** Stops reading for {@code cause}; the first abort's reason is kept. Idempotent, any thread. */
    void abort(Disconnection.Cause cause, String detail) {
        synchronized (this) {
            if (aborted == null) {
                aborted = new End(cause, detail);
            }
        }
        MasterConnector.closeQuietly(body);
    }

    /** Why reading stopped; {@code null} while {@link #readAll} runs. */
    End end() {
        return end;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
