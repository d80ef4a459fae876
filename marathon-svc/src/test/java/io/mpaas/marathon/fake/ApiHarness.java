package io.mpaas.marathon.fake;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpaas.marathon.app.AppChanges;
import io.mpaas.marathon.app.AppController;
import io.mpaas.marathon.app.AppInfoAssembler;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.app.TargetRoots;
import io.mpaas.marathon.deployment.DeploymentController;
import io.mpaas.marathon.group.GroupController;
import io.mpaas.marathon.instance.TaskController;
import io.mpaas.marathon.launch.QueueController;
import io.mpaas.marathon.system.InfoController;
import io.mpaas.marathon.system.LeaderController;
import io.mpaas.marathon.system.MetricsController;
import io.mpaas.marathon.system.PingController;
import io.mpaas.marathon.web.IdPathHandlerMapping;
import io.mpaas.marathon.web.MarathonErrorAdvice;
import io.mpaas.marathon.web.MarathonHeaders;
import io.mpaas.marathon.web.RequestPathNormalizer;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonJson;
import io.mpaas.testkit.time.MutableClock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.info.GitProperties;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Every /v2 controller with the error advice, the id routing and the filters, over in-memory
 * fakes of the core, as one standalone MockMvc. Each test makes its own harness.
 */
public final class ApiHarness {

    public static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    public final MutableClock clock = new MutableClock(START);
    public final FakeGroupRepository groups = new FakeGroupRepository();
    public final FakeDeployer deployer = new FakeDeployer(groups, clock);
    public final FakeInstances instances = new FakeInstances(clock);
    public final FakeQueue queue = new FakeQueue();
    public final FakeLeadership leadership = new FakeLeadership("marathon-1.example.com:8080");
    public final FakeTaskFailures failures = new FakeTaskFailures();
    /** What {@code embed=apps.readiness} answers, by app. */
    public final java.util.Map<io.mpaas.marathon.app.PathId, List<io.mpaas.marathon.health.ReadinessCheckResult>>
            readiness = new java.util.HashMap<>();
    public final RecordingEvents events = new RecordingEvents();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final MockEnvironment environment = new MockEnvironment();
    public final TargetRoots targetRoots = new TargetRoots(io.mpaas.marathon.scheduler.LaunchProperties.defaults());
    public final MockMvc mvc;
    /** The apps controller itself, for timing it without the MVC stack. */
    public final AppController apps;

    public ApiHarness() {
        this(new FakeFrameworkStatus("20240501-100000-1-0000", "master-1.example.com:5050"));
    }

    public ApiHarness(FakeFrameworkStatus framework) {
        AppInfoAssembler infos = new AppInfoAssembler(instances, deployer, failures,
                id -> readiness.getOrDefault(id, List.of()), clock);
        apps = new AppController(groups, deployer, targetRoots, infos, events);
        mvc = MockMvcBuilders.standaloneSetup(
                        apps,
                        new TaskController(instances, instances, deployer, groups, targetRoots),
                        new GroupController(groups, deployer, targetRoots, deployer, infos, clock),
                        new DeploymentController(deployer),
                        new QueueController(queue, clock),
                        new InfoController(leadership, framework, environment,
                                new DefaultListableBeanFactory().getBeanProvider(GitProperties.class)),
                        new LeaderController(leadership),
                        new PingController(),
                        new MetricsController(meters))
                .setControllerAdvice(new MarathonErrorAdvice())
                .setCustomHandlerMapping(IdPathHandlerMapping::new)
                .addFilters(new RequestPathNormalizer(), new MarathonHeaders())
                .build();
    }

    /**
     * Deploys an app from its JSON definition, as {@code POST /v2/apps} would, and lets the
     * deployment finish; returns the app as stored.
     */
    public App givenApp(String json) {
        App app = AppChanges.valid(MarathonJson.read(json, App.class), "");
        deployer.deploy(targetRoots.change(AppChanges.create(app)), false);
        deployer.finishAll();
        return groups.root().app(PathId.of(app.id())).orElseThrow();
    }

    /** The stored app's version. */
    public Instant versionOf(String id) {
        return io.mpaas.marathon.app.MarathonTime.parse(app(id).version());
    }

    /** The stored app's last configuration change ({@code versionInfo.lastConfigChangeAt}). */
    public Instant configVersionOf(String id) {
        return io.mpaas.marathon.app.AppVersioning.configVersion(app(id));
    }

    /** The stored app. */
    public App app(String id) {
        return groups.root().app(PathId.of(id)).orElseThrow();
    }
}
