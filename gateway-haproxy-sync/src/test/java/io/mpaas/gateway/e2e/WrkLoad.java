package io.mpaas.gateway.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} against one URL, run in short rounds back to back on a thread of its own until
 * {@link #stop()}: wrk only reports at the end of a run, so rounds of a few seconds let a test load a
 * service through phases of unknown length and still read every failed request.
 */
final class WrkLoad implements AutoCloseable {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final List<String> command;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> failedRounds = new ArrayList<>();
    private final Thread thread;
    private long requests;
    private long failures;
    private int rounds;

    /** @param hostHeader a Host header to send (for a virtual host), or null */
    WrkLoad(String url, String hostHeader) {
        command = new ArrayList<>(List.of("wrk", "-t1", "-c4", "-d3s", "--timeout", "5s", "-s",
                java.nio.file.Path.of("src/test/resources/e2e/status-codes.lua").toAbsolutePath().toString()));
        if (hostHeader != null) {
            command.addAll(List.of("-H", "Host: " + hostHeader));
        }
        command.add(url);
        thread = Thread.ofPlatform().name("wrk").daemon().start(this::loop);
    }

    private void loop() {
        while (running.get()) {
            try {
                Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                wrk.waitFor();
                record(out);
            } catch (IOException e) {
                synchronized (this) {
                    failedRounds.add("wrk did not run: " + e);
                    failures++;
                }
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(String out) {
        rounds++;
        long done = find(REQUESTS, out, 1);
        long bad = find(NON_2XX, out, 1);
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                bad += Long.parseLong(socket.group(i));
            }
        }
        if (done < 0) {
            failedRounds.add("a wrk round reported no requests:\n" + out);
            failures++;
            return;
        }
        requests += done;
        failures += bad;
        if (bad > 0) {
            failedRounds.add(out);
        }
    }

    private static long find(Pattern pattern, String out, int group) {
        Matcher m = pattern.matcher(out);
        return m.find() ? Long.parseLong(m.group(group)) : (pattern == REQUESTS ? -1 : 0);
    }

    /** Stops after the round in progress and waits for it. */
    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    synchronized long requests() {
        return requests;
    }

    synchronized long failures() {
        return failures;
    }

    synchronized int rounds() {
        return rounds;
    }

    synchronized String report() {
        return rounds + " rounds, " + requests + " requests, " + failures + " failed"
                + (failedRounds.isEmpty() ? "" : "; rounds with failures:\n" + String.join("\n---\n", failedRounds));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
