package io.mpaas.gateway.bench;

import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.protocol.marathon.event.StatusUpdateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether clients notice the gateway's changes (issue 5's target: no failed request). Debian's {@code wrk -t2
 * -c8} loads one HTTP app's service port while, spread over the run, 100 scale events alternately add a task
 * (routed before the next event, as a rolling deploy waits for it) and remove the oldest one the way a real kill
 * goes ({@code TASK_KILLING}, 100 ms of drain, the backend stops, {@code TASK_KILLED}), and a second app with a
 * service port of its own is added and removed 5 times each: a new or gone frontend needs a reload, so 10 reloads.
 *
 * <p>Arguments: {@code --seconds N} (default 60), {@code --scale-events N} (100), {@code --reloads N} (10),
 * {@code --connection-close} (wrk sends {@code Connection: close}: a new connection per request, so every
 * request reaches the newest HAProxy worker).
 */
public final class LoadBenchmark {

    private static final String APP = "/load";
    private static final String EXTRA = "/load-extra";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN = Duration.ofMillis(100);
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private record Running(MarathonTask task, BenchBackend backend) {
    }

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchReport.quietLogs();
        int seconds = PropagationBenchmark.intArg(args, "--seconds", 60);
        int scaleEvents = PropagationBenchmark.intArg(args, "--scale-events", 100);
        int reloadEvents = PropagationBenchmark.intArg(args, "--reloads", 10);
        boolean closeEach = List.of(args).contains("--connection-close");
        int servicePort = BenchGateway.freePort();
        int extraPort = BenchGateway.freePort();
        Deque<Running> running = new ArrayDeque<>();
        BenchBackend extraBackend = new BenchBackend();
        try (BenchMarathon marathon = new BenchMarathon(); BenchGateway gateway = new BenchGateway(marathon)) {
            for (int n = 0; n < 2; n++) {
                BenchBackend backend = new BenchBackend();
                running.add(new Running(BenchApps.task(APP, BenchApps.taskId(APP, n), backend.port(), "TASK_RUNNING"),
                        backend));
            }
            marathon.app(BenchApps.http(APP, servicePort, tasks(running, null)));
            gateway.start();
            String backend = gateway.awaitBackend(APP, TIMEOUT);
            for (Running r : running) {
                BenchGateway.awaitTrue(() -> gateway.routes(backend, r.backend().port()), TIMEOUT, "base not routed");
            }
            BenchGateway.awaitTrue(() -> marathon.openStreams() > 0, TIMEOUT, "the feed opened no event stream");
            long reloadsBefore = gateway.sync.status().reloads();
            long commandsBefore = gateway.sync.status().runtimeCommands();

            probe(gateway.url(servicePort));
            CompletableFuture<String> wrk = wrk(seconds + 3, gateway.url(servicePort).toString(), closeEach);
            int events = scaleEvents + reloadEvents;
            long period = Duration.ofSeconds(seconds).toNanos() / events;
            long start = System.nanoTime();
            int taskNumber = running.size();
            int adds = 0;
            int removes = 0;
            int extraChanges = 0;
            boolean extraPresent = false;
            for (int e = 0; e < events; e++) {
                sleepUntil(start + e * period);
                boolean reloadEvent = extraChanges < reloadEvents
                        && (e % Math.max(1, events / Math.max(1, reloadEvents)) == events / Math.max(1, reloadEvents) / 2
                                || events - e <= reloadEvents - extraChanges);
                if (reloadEvent) {
                    String id = BenchApps.taskId(EXTRA, 0);
                    if (extraPresent) {
                        marathon.removeApp(EXTRA);
                        marathon.push(event(EXTRA, id, "TASK_KILLED", extraBackend.port()));
                    } else {
                        marathon.app(BenchApps.http(EXTRA, extraPort,
                                List.of(BenchApps.task(EXTRA, id, extraBackend.port(), "TASK_RUNNING"))));
                        marathon.push(event(EXTRA, id, "TASK_RUNNING", extraBackend.port()));
                    }
                    extraPresent = !extraPresent;
                    extraChanges++;
                } else if ((adds + removes) % 2 == 0) {
                    BenchBackend added = new BenchBackend();
                    Running task = new Running(BenchApps.task(APP, BenchApps.taskId(APP, taskNumber++), added.port(),
                            "TASK_RUNNING"), added);
                    running.add(task);
                    marathon.app(BenchApps.http(APP, servicePort, tasks(running, null)));
                    marathon.push(event(APP, task.task().id(), "TASK_RUNNING", added.port()));
                    BenchGateway.awaitTrue(() -> gateway.routes(backend, added.port()), TIMEOUT, "new task not routed");
                    adds++;
                } else {
                    Running victim = running.removeFirst();
                    List<MarathonTask> killing = tasks(running, null);
                    killing.add(kill(victim.task()));
                    marathon.app(BenchApps.http(APP, servicePort, killing));
                    marathon.push(event(APP, victim.task().id(), "TASK_KILLING", victim.backend().port()));
                    Thread.sleep(DRAIN);
                    victim.backend().close();
                    marathon.app(BenchApps.http(APP, servicePort, tasks(running, null)));
                    marathon.push(event(APP, victim.task().id(), "TASK_KILLED", victim.backend().port()));
                    removes++;
                }
            }
            long expectedReloads = reloadsBefore + extraChanges;
            BenchGateway.awaitTrue(() -> gateway.sync.status().reloads() >= expectedReloads, TIMEOUT,
                    "the extra app's reloads were not all done");
            String out = wrk.join();
            long requests = find(REQUESTS, out);
            long non2xx = find(NON_2XX, out);
            Matcher socket = SOCKET.matcher(out);
            String socketErrors = socket.find() ? "connect " + socket.group(1) + ", read " + socket.group(2)
                    + ", write " + socket.group(3) + ", timeout " + socket.group(4) : "none";

            BenchReport.printMachine();
            new BenchReport("load (wrk -t2 -c8 -d" + (seconds + 3) + "s"
                    + (closeEach ? " -H 'Connection: close'" : ", keep-alive") + ")", "value")
                    .row("requests", requests)
                    .row("requests/s", requests / (seconds + 3))
                    .row("non-2xx/3xx responses", non2xx)
                    .row("socket errors", socketErrors)
                    .row("failed by status", statuses(out))
                    .row("scale events (add / remove)", adds + " / " + removes)
                    .row("extra app added+removed", extraChanges)
                    .row("reloads done (during the run)", gateway.sync.status().reloads() - reloadsBefore)
                    .row("runtime commands (during the run)", gateway.sync.status().runtimeCommands() - commandsBefore)
                    .row("target", "0 failed requests")
                    .print();
            if (non2xx > 0 || requests < 0) {
                System.err.println("tasks running: " + running.stream().map(r -> r.backend().port()).toList());
                gateway.runtime.showServersState(backend).forEach(row -> System.err.println("  " + row));
                System.err.println(gateway.files.read().orElse("").lines()
                        .dropWhile(l -> !l.startsWith("backend " + backend)).limit(20)
                        .reduce("", (a, b) -> a + b + "\n"));
            }
            if (requests < 0) {
                System.out.println("wrk said:\n" + out);
            }
        } finally {
            running.forEach(r -> r.backend().close());
            extraBackend.close();
        }
    }

    /** One request before the load: a gateway that does not route at all would make the figures meaningless. */
    private static void probe(java.net.URI url) throws IOException, InterruptedException {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(url).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the service port answers " + response.statusCode() + ": "
                        + response.body());
            }
        }
    }

    private static List<MarathonTask> tasks(Deque<Running> running, MarathonTask extra) {
        List<MarathonTask> tasks = new ArrayList<>(running.stream().map(Running::task).toList());
        if (extra != null) {
            tasks.add(extra);
        }
        return tasks;
    }

    private static MarathonTask kill(MarathonTask t) {
        return new MarathonTask(t.id(), t.appId(), t.host(), t.slaveId(), "TASK_KILLING", t.stagedAt(), t.startedAt(),
                t.version(), t.ports(), t.servicePorts(), t.ipAddresses(), t.healthCheckResults(), t.localVolumes(),
                t.role());
    }

    private static StatusUpdateEvent event(String appId, String taskId, String status, int port) {
        return new StatusUpdateEvent("agent-1", taskId, status, "", appId, BenchApps.HOST, List.of(), List.of(port),
                "2026-01-01T00:00:00.000Z", Instant.now().toString());
    }

    /** Runs wrk on a thread of its own; its whole output, or an IOException's message if it did not run. */
    private static CompletableFuture<String> wrk(int seconds, String url, boolean closeEach) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c8", "-d" + seconds + "s",
                        "--timeout", "5s"));
                // The e2e tests' script counts failed responses by status; used when run from the module.
                java.nio.file.Path script = java.nio.file.Path.of("src/test/resources/e2e/status-codes.lua");
                if (java.nio.file.Files.isRegularFile(script)) {
                    command.addAll(List.of("-s", script.toAbsolutePath().toString()));
                }
                if (closeEach) {
                    command.addAll(List.of("-H", "Connection: close"));
                }
                command.add(url);
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                return out;
            } catch (IOException e) {
                return "wrk did not run: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }, runnable -> Thread.ofPlatform().name("wrk").daemon().start(runnable));
    }

    private static String statuses(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("status ")).map(String::strip).toList();
        return lines.isEmpty() ? "-" : String.join(", ", lines);
    }

    private static long find(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : (pattern == REQUESTS ? -1 : 0);
    }

    /** Spreading the events over the run is the scenario, so this one wait is a plain sleep. */
    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }
}
