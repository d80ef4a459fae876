package io.mpaas.marathon.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tasks the health-check benchmark probes, as a process of its own (so that their CPU is not
 * counted as marathon's): {@code N} HTTP servers on free local ports, each answering every request
 * {@code 200 ok} on a virtual thread. Prints the ports on one line of stdout; end of input stops it,
 * after printing how many requests were answered.
 *
 * <p>Argument: the number of servers.
 */
public final class HealthTargets {

    private HealthTargets() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream parent = System.out;
        System.setOut(System.err);
        int count = Integer.parseInt(args[0]);
        LongAdder answered = new LongAdder();
        byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
        List<HttpServer> servers = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, ok.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(ok);
                }
                answered.increment();
            });
            server.start();
            servers.add(server);
            ports.add(Integer.toString(server.getAddress().getPort()));
        }
        parent.println(String.join(" ", ports));
        parent.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // Wait for the parent to close our input.
        }
        servers.forEach(s -> s.stop(0));
        parent.println(answered.sum());
        parent.flush();
        System.exit(0);
    }
}
