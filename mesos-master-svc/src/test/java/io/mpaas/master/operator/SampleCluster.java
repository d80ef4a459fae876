package io.mpaas.master.operator;

import static io.mpaas.master.operator.ClusterFixture.status;
import static io.mpaas.master.operator.ClusterFixture.task;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.Label;
import io.mpaas.protocol.mesos.Labels;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;
import java.util.Map;

/**
 * One small cluster with every kind of thing the state shows: a linked agent with reservations
 * and attributes, a disconnected agent, one expected back after a failover, an unreachable one; a
 * framework with a running, an unreachable and a completed task, an offer and an executor; a
 * removed framework; weights and a quota.
 */
final class SampleCluster {

    final ClusterFixture fx = new ClusterFixture();
    final Agent a1;
    final Agent a2;
    final Framework f1;

    SampleCluster() {
        a1 = fx.agent("m1-S0", "host1", "cpus:8;mem:15000;disk:100000;ports:[31000-32000];cpus(web):2",
                "rack:r1;level:2;zones:{a,b}");
        a2 = fx.agent("m1-S1", "host2", "cpus:4;mem:8192;disk:50000;ports:[31000-31005,31010-31020]", "");
        a2.link(null);
        a2.status(Agent.Status.DISCONNECTED);
        Agent a3 = fx.agent("m1-S2", "host3", "cpus:2;mem:1024", "");
        a3.link(null);
        a3.status(Agent.Status.RECOVERING);
        Agent a4 = fx.agent("m1-S3", "host4", "cpus:2;mem:1024", "");
        a4.link(null);
        a4.status(Agent.Status.UNREACHABLE);

        f1 = fx.framework("m1-0000", "marathon", List.of("web"), true);
        TaskStatus running = new TaskStatus(ClusterFixture.status("t1", TaskState.TASK_RUNNING, 0).taskId(),
                TaskState.TASK_RUNNING, null, TaskStatus.Source.SOURCE_EXECUTOR, null, null, null, null,
                1714557606.123456, null, true, null, new Labels(List.of(new Label("k", "v"))),
                new TaskStatus.ContainerStatus(new ContainerId("c1"), List.of(new ContainerInfo.NetworkInfo(
                        List.of(new ContainerInfo.NetworkInfo.IpAddress("IPv4", "10.0.1.1")), null, List.of(), null,
                        List.of())), null, null), null, null);
        Task t1 = new Task("web.1", running.taskId(), f1.id(), null, a1.id(), TaskState.TASK_RUNNING,
                ClusterFixture.canonical("cpus(web):0.5;mem:128;ports:[31000-31000]"),
                List.of(status("t1", TaskState.TASK_STAGING, 1714557605.5), running), null, null,
                new Labels(List.of(new Label("app", "web"))), null, null, null, null, "root");
        fx.launch(f1, a1, t1, "web");
        fx.unreachable(f1, a2, task("t2", f1, a2, TaskState.TASK_UNREACHABLE, "cpus:1;mem:256",
                List.of(status("t2", TaskState.TASK_RUNNING, 1714557600), status("t2", TaskState.TASK_UNREACHABLE,
                        1714557700))), "web");
        fx.completed(f1, task("t3", f1, a1, TaskState.TASK_FINISHED, "cpus:0.1;mem:32",
                List.of(status("t3", TaskState.TASK_FINISHED, 1714557601))), "web");
        fx.offer("m1-O0", f1, a1, "web", "cpus:2;mem:1024");
        ExecutorInfo executor = new ExecutorInfo(ExecutorInfo.Type.CUSTOM, ExecutorId.of("e1"), f1.id(),
                new CommandInfo(List.of(new CommandInfo.Uri("http://x/e.tgz", null, null, null, null)),
                        new CommandInfo.Environment(List.of(
                                new CommandInfo.Environment.Variable("MODE", null, "fast", null),
                                new CommandInfo.Environment.Variable("TOKEN", "SECRET", "leaked", null))),
                        true, "./executor", List.of(), null),
                null, Resources.parse("cpus:0.1;mem:32").toList(), "my executor", null, null, null, null, null);
        a1.executors().put(f1.id(), new java.util.LinkedHashMap<>(Map.of(executor.executorId(), executor)));

        Framework f0 = new Framework(io.mpaas.protocol.mesos.FrameworkId.of("m1-0001"),
                io.mpaas.protocol.mesos.FrameworkInfo.of("nobody", "old", List.of("batch"), 0),
                Framework.Status.DISCONNECTED, ClusterFixture.STARTED.plusSeconds(1));
        f0.unregisteredTime(ClusterFixture.STARTED.plusSeconds(4));
        fx.cluster.completedFrameworks().add(f0);

        fx.cluster.weights(Map.of("web", 2.0));
        fx.cluster.quotas(Map.of("web", new QuotaConfig(Map.of("cpus", 1.0), Map.of("cpus", 4.0))));
    }
}
