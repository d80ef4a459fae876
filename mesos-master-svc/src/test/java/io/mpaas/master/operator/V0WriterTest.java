package io.mpaas.master.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.master.cluster.MasterTask;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.TaskState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.JsonNodeFactory;

/** Mesos's v0 quirks: numbers, flat resources, durations, the cached task rendering. */
class V0WriterTest {

    @ParameterizedTest
    @CsvSource({"8,8.0", "0,0.0", "0.5,0.5", "1.512,1.512", "15000,15000.0", "1714557606.123456,1714557606.123456",
        "1.0E7,10000000.0", "25276514304,25276514304.0", "1.5E-4,0.00015"})
    void numbersArePlainWithAFraction(double value, String text) {
        assertThat(V0Writer.plain(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"PT15S,15secs", "PT10M,10mins", "PT1S,1secs", "PT0.5S,500ms", "PT90S,90secs", "PT1H,1hrs",
        "PT168H,1weeks", "PT48H,2days", "PT1.5S,1500ms", "PT0S,0ns"})
    void durationsReadAsMesosPrintsThem(Duration duration, String text) {
        assertThat(MasterFlags.duration(duration)).isEqualTo(text);
    }

    @Test
    void userInfoNeverLeavesAZooKeeperUrl() {
        assertThat(MasterFlags.withoutUserInfo("zk://user:pw@zk1:2181,zk2:2181/mesos"))
                .isEqualTo("zk://zk1:2181,zk2:2181/mesos");
        assertThat(MasterFlags.withoutUserInfo("zk://zk1:2181/mesos")).isEqualTo("zk://zk1:2181/mesos");
    }

    private static String write(Consumer<V0Writer> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MesosJson.mapper().createGenerator(out)) {
            body.accept(new V0Writer(g));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resourcesAreOneFlatMapSummedOverReservations() {
        Resources r = Resources.parse("cpus:2;cpus(web):1.5;mem:1024;ports:[31000-31005,31010-31020];"
                + "ports(web):[32000-32000];bugs:{a,b};gpus:1");
        Resource revocable = new Resource("cpus", io.mpaas.protocol.mesos.ValueType.SCALAR,
                new io.mpaas.protocol.mesos.Scalar(0.25), null, null, null, null, null, null, null,
                JsonNodeFactory.instance.objectNode(), null, null);
        List<Resource> all = new java.util.ArrayList<>(r.toList());
        all.add(revocable);
        assertThat(write(w -> w.resources(all))).isEqualTo("{\"cpus\":3.5,\"mem\":1024.0,\"disk\":0.0,\"gpus\":1.0,"
                + "\"cpus_revocable\":0.25,\"ports\":\"[31000-31005, 31010-31020, 32000-32000]\",\"bugs\":\"{a, b}\"}");
    }

    @Test
    void aTaskIsRenderedOnceAndShared() {
        ClusterFixture fx = new ClusterFixture();
        var agent = fx.agent("a", "h", "cpus:1;mem:1", "");
        var framework = fx.framework("f", "fw", List.of("*"), false);
        MasterTask task = fx.launch(framework, agent, ClusterFixture.task("t", framework, agent, TaskState.TASK_RUNNING,
                "cpus:1", List.of(ClusterFixture.status("t", TaskState.TASK_RUNNING, 1.5))), "*");
        RenderedJson first = TaskRenderer.v0(task);
        assertThat(TaskRenderer.v0(task)).isSameAs(first);
        assertThat(first.getValue()).isEqualTo("{\"id\":\"t\",\"name\":\"task t\",\"framework_id\":\"f\","
                + "\"executor_id\":\"\",\"slave_id\":\"a\",\"state\":\"TASK_RUNNING\",\"resources\":{\"cpus\":1.0,"
                + "\"mem\":0.0,\"disk\":0.0,\"gpus\":0.0},\"role\":\"*\",\"statuses\":[{\"state\":\"TASK_RUNNING\","
                + "\"timestamp\":1.5}],\"user\":\"root\"}");
        // Written raw into an array, with the separators the generator owes.
        assertThat(write(w -> {
            w.generator().writeStartObject();
            FrameworkRenderer.tasks(w, "tasks", List.of(task, task));
            w.generator().writeEndObject();
        })).isEqualTo("{\"tasks\":[" + first.getValue() + "," + first.getValue() + "]}");
    }
}
