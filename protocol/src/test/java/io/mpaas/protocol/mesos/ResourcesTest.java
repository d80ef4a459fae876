package io.mpaas.protocol.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesTest {

    @Test
    void parsesMesosNotation() {
        Resources r = Resources.parse("cpus:4;mem:8192;disk:40000;ports:[31000-32000];cpus(web):2;bugs:{a,b}");
        assertThat(r.scalar("cpus")).isEqualTo(6);
        assertThat(r.unreserved().scalar("cpus")).isEqualTo(4);
        assertThat(r.reservedFor("web").scalar("cpus")).isEqualTo(2);
        assertThat(r.ranges("ports")).isEqualTo(Ranges.of(31000, 32000));
        assertThat(r.toString()).isEqualTo("cpus:4;mem:8192;disk:40000;ports:[31000-32000];cpus(web):2;bugs:{a,b}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "cpus|invalid resource 'cpus': expected name:value",
        "cpus:x|invalid resource 'cpus:x': 'x' is not a number",
        "cpus:-1|invalid resource 'cpus:-1': value must be a non-negative number",
        "cpus():1|invalid resource 'cpus():1': empty role",
        "ports:[1-a]|invalid range '1-a' for 'ports'",
        "ports:[5-1]|invalid range [5-1]",
    })
    void refusesBadNotation(String notation, String message) {
        assertThatThrownBy(() -> Resources.parse(notation)).hasMessage(message);
    }

    @Test
    void portsAreAccountedExactly() {
        Resources agent = Resources.parse("cpus:2;mem:1024;ports:[31000-31009]");
        Resources task = Resources.parse("cpus:0.5;mem:128;ports:[31002-31003,31007-31007]");
        Resources left = agent.minus(task);
        assertThat(left.ranges("ports").toString()).isEqualTo("[31000-31001, 31004-31006, 31008-31009]");
        assertThat(left.contains(task)).isFalse();
        assertThat(left.plus(task)).isEqualTo(agent);
        assertThat(agent.contains(task)).isTrue();
        assertThat(left.ranges("ports").size() + task.ranges("ports").size()).isEqualTo(10);
    }

    @Test
    void scalarsKeepThreeDecimals() {
        Resources r = Resources.of(Resource.scalar("cpus", 1.5123));
        assertThat(r.scalar("cpus")).isEqualTo(1.512);
        Resources sum = Resources.parse("cpus:0.1").plus(Resources.parse("cpus:0.2"));
        assertThat(sum.minus(Resources.parse("cpus:0.3")).isEmpty()).isTrue();
    }

    @Test
    void reservationsStaySeparate() {
        Resources r = Resources.parse("cpus:4;cpus(web):2");
        assertThat(r.contains(Resources.parse("cpus(web):2"))).isTrue();
        assertThat(r.contains(Resources.parse("cpus(web):3"))).isFalse();
        assertThat(r.allocatableTo("web/api").scalar("cpus")).isEqualTo(6);
        assertThat(r.allocatableTo("db").scalar("cpus")).isEqualTo(4);
    }

    @Test
    void allocationInfoDoesNotChangeQuantities() {
        Resources r = Resources.parse("cpus:1;mem:10");
        List<Resource> offered = r.toList("web");
        assertThat(offered).allMatch(x -> x.allocationInfo().role().equals("web"));
        assertThat(Resources.of(offered)).isEqualTo(r);
    }

    @Test
    void wireFormatFollowsTheFrameworksCapability() {
        Resource reserved = Resource.scalar("cpus", 1).reservedFor("web");
        assertThat(MesosJson.writeString(reserved.inFormat(false)))
                .isEqualTo("{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1.0},\"role\":\"web\"}");
        assertThat(MesosJson.writeString(reserved.inFormat(true))).isEqualTo("{\"name\":\"cpus\",\"type\":\"SCALAR\","
                + "\"scalar\":{\"value\":1.0},\"reservations\":[{\"type\":\"STATIC\",\"role\":\"web\"}]}");
        assertThat(MesosJson.writeString(Resource.scalar("cpus", 1).inFormat(false)))
                .isEqualTo("{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1.0},\"role\":\"*\"}");
    }

    @Test
    void attributesParseByValueShape() {
        List<Attribute> attributes = Attribute.parseAll("rack:r1;level:2;span:[1-3];tags:{a,b}");
        assertThat(attributes).extracting(Attribute::type)
                .containsExactly(ValueType.TEXT, ValueType.SCALAR, ValueType.RANGES, ValueType.SET);
        assertThat(attributes).extracting(Attribute::valueAsString).containsExactly("r1", "2", "[1-3]", "{a,b}");
        assertThatThrownBy(() -> Attribute.parseAll("rack")).hasMessage("invalid attribute 'rack': expected name:value");
    }
}
