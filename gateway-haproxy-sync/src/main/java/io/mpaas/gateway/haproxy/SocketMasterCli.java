package io.mpaas.gateway.haproxy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master CLI of HAProxy 2.6 over its unix socket. What 2.6.12 does, found by trying it:
 * <ul>
 * <li>Commands must end with {@code "\n"}; a command without it is ignored and the connection closed.</li>
 * <li>Without a prompt, the master answers a command and then keeps the connection open (it would read the next
 *     line). It closes as soon as we shut down our writing side, so we send one command, shut down output and
 *     read to the end: about 1 ms per command. {@code prompt} mode works too ({@code "master> "}) but is not
 *     needed for two commands.</li>
 * <li>{@code ;} does not separate commands here (the whole line is one unknown command).</li>
 * <li>{@code reload} answers nothing and closes the connection right away; the master then re-executes itself
 *     (same pid) and for a few milliseconds refuses new connections ({@code ECONNREFUSED}), which is why every
 *     command here retries a refused connect for a short window.</li>
 * <li>{@code show proc} tells a reload's outcome: the master's reload counter goes up; {@code [failed: n]} counts
 *     failed reloads since the last good one (and is reset to 0 by a good one); on success a new worker pid is
 *     listed under {@code # workers} and the previous ones under {@code # old workers} while they finish their
 *     connections. A failed reload (bad config) keeps the old worker as the current one.</li>
 * <li>{@code show startup-logs} does not exist in 2.6's master CLI: why a reload failed is only on the master's
 *     stderr (see {@link HaproxyProcess#recentOutput()}) and in {@code haproxy -c}'s output.</li>
 * <li>After {@code kill -9} of the master its workers exit by themselves within a second and the socket file
 *     stays behind, refusing connections.</li>
 * </ul>
 */
public final class SocketMasterCli implements MasterCli {

    private static final Logger log = LoggerFactory.getLogger(SocketMasterCli.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(20);

    private final Path socket;
    private final Duration timeout;
    private final Duration refusedWindow;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param refusedWindow how long a refused connection is retried; the re-exec gap is milliseconds, so a couple
     *                      of seconds only runs out when the master is really gone
     */
    public SocketMasterCli(Path socket, Duration timeout, Duration refusedWindow, Clock clock, Sleeper sleeper) {
        this.socket = socket;
        this.timeout = timeout;
        this.refusedWindow = refusedWindow;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public SocketMasterCli(HaproxySettings settings, Clock clock) {
        this(settings.masterSocket(), settings.socketTimeout(), Duration.ofSeconds(2), clock, Sleeper.REAL);
    }

    @Override
    public ProcessTable showProc() {
        try (CliChannel channel = connect()) {
            channel.send("show proc\n");
            channel.shutdownOutput();
            return ProcessTable.parse(channel.readToEnd());
        }
    }

    @Override
    public void reload() {
        try (CliChannel channel = connect()) {
            channel.send("reload\n");
            channel.shutdownOutput();
            String answer = channel.readToEnd();
            if (!answer.isBlank()) {
                log.info("master answered reload with: {}", answer.strip());
            }
        }
    }

    private CliChannel connect() {
        Instant deadline = clock.instant().plus(refusedWindow);
        while (true) {
            try {
                return CliChannel.open(socket, timeout);
            } catch (HaproxyUnreachableException e) {
                if (!clock.instant().isBefore(deadline)) {
                    throw e;
                }
                try {
                    sleeper.sleep(RETRY_PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SocketMasterCli[" + socket + "]";
    }
}
