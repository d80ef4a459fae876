package io.mpaas.marathon.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.mpaas.marathon.app.AppNormalizer;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.app.TargetRoots;
import io.mpaas.marathon.fake.ApiHarness;
import io.mpaas.marathon.fake.FakeCoreApplication;
import io.mpaas.marathon.fake.FakeGroupRepository;
import io.mpaas.marathon.fake.FakeInstances;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.PortDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Times {@code GET /v2/apps?embed=apps.tasks} for 100 and 1,000 apps with 10 running instances each
 * (the large point: 10,000 tasks, about 5 MB of JSON), three ways: the controller alone (reading the
 * state and writing the JSON bytes), through MockMvc, and over real HTTP (Tomcat, Spring Security's
 * filters, a client reading the whole body). The target is 100 ms over HTTP at the large size. A main
 * class, not a test: timings are never asserted. Prints a Markdown table.
 *
 * <p>Arguments: {@code --reps N} measured requests (default 30), {@code --warmup N} (default 20).
 * Run with the test classpath: {@code java -cp ... io.mpaas.marathon.bench.AppsListBenchmark}.
 */
public final class AppsListBenchmark {

    private static final String PATH = "/v2/apps?embed=apps.tasks";

    private AppsListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = intArg(args, "--reps", 30);
        int warmup = intArg(args, "--warmup", 20);
        System.out.println("| apps | tasks | bytes | controller median ms | MockMvc median ms | HTTP median ms "
                + "| HTTP p90 ms |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int apps : new int[] {100, 1000}) {
            try (ConfigurableApplicationContext http = new SpringApplicationBuilder(FakeCoreApplication.class)
                    .run("--" + FakeCoreApplication.NO_DATABASE, "--server.port=0", "--logging.level.root=WARN")) {
                run(apps, 10, reps, warmup, http);
            }
        }
    }

    private static void run(int appCount, int perApp, int reps, int warmup, ConfigurableApplicationContext http)
            throws Exception {
        ApiHarness api = new ApiHarness();
        int tasks = fill(appCount, perApp, api.groups, api.instances, api.targetRoots);
        fill(appCount, perApp, http.getBean(FakeGroupRepository.class), http.getBean(FakeInstances.class),
                http.getBean(TargetRoots.class));
        int port = ((WebServerApplicationContext) http).getWebServer().getPort();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH)).build();
        long bytes = 0;
        for (int i = 0; i < warmup; i++) {
            api.apps.list(null, null, null, List.of("apps.tasks"));
            api.mvc.perform(get(PATH)).andReturn();
            bytes = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        }
        double[] direct = new double[reps];
        double[] mock = new double[reps];
        double[] overHttp = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            api.apps.list(null, null, null, List.of("apps.tasks"));
            direct[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            api.mvc.perform(get(PATH)).andReturn();
            mock[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            overHttp[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(direct);
        Arrays.sort(mock);
        Arrays.sort(overHttp);
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", appCount, tasks, bytes,
                direct[reps / 2], mock[reps / 2], overHttp[reps / 2], overHttp[(int) Math.ceil(reps * 0.9) - 1]);
    }

    /** Stores {@code appCount} apps (each with a port and a health check) and their running instances. */
    private static int fill(int appCount, int perApp, FakeGroupRepository groups, FakeInstances instances,
            TargetRoots targetRoots) {
        Instant version = ApiHarness.START;
        RootGroup root = RootGroup.empty(version);
        for (int a = 0; a < appCount; a++) {
            PathId id = PathId.of("/team-" + (a % 20) + "/app-" + a);
            App app = AppNormalizer.normalize(App.withId(id.toString()).toBuilder()
                    .cmd("python3 -m http.server $PORT0").instances(perApp)
                    .labels(Map.of("HAPROXY_GROUP", "external", "team", "t" + (a % 20)))
                    .portDefinitions(List.of(new PortDefinition(10000 + a, "tcp", "http", null)))
                    .healthChecks(List.of(new HealthCheck("HTTP", "/", 0, null, null, 30, 10, 5, 3, false, null,
                            null)))
                    .build(), PathId.ROOT);
            root = root.putApp(id, app);
        }
        groups.store(targetRoots.complete(RootGroup.empty(Instant.EPOCH), root, version));
        int n = 0;
        for (PathId id : groups.root().apps().keySet()) {
            for (int i = 0; i < perApp; i++) {
                n++;
                instances.launched(id, version, n, Condition.RUNNING, "agent-" + (n % 200) + ".example.com",
                        List.of(31000 + (n % 1000)), List.of(10000));
            }
        }
        return n;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
