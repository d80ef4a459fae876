package io.mpaas.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.Resources;
import org.junit.jupiter.api.Test;

/** The compact form computes exactly what {@link Resources} computes. */
class CompactResourcesTest {

    private final ResourceShapes shapes = new ResourceShapes();

    private CompactResources c(String notation) {
        return CompactResources.of(Resources.parse(notation), shapes);
    }

    @Test
    void roundTripsThroughTheWireForm() {
        String notation = "cpus:2.5;mem:1024;ports:[31000-31005,31010-31010];cpus(web):1;zones:{a,b}";
        assertThat(c(notation).toResources()).isEqualTo(Resources.parse(notation));
    }

    @Test
    void addsAndSubtractsLikeResources() {
        Resources a = Resources.parse("cpus:4;mem:4096;ports:[31000-31009];cpus(web):1");
        Resources b = Resources.parse("cpus:1.5;mem:4096;ports:[31002-31003];disk:5");

        CompactResources sum = c(a.toString());
        sum.add(c(b.toString()));
        CompactResources difference = c(a.toString());
        difference.subtract(c(b.toString()));

        assertThat(sum.toResources()).isEqualTo(a.plus(b));
        assertThat(difference.toResources()).isEqualTo(a.minus(b));
        assertThat(difference.toResources()).isEqualTo(Resources.parse("cpus:2.5;ports:[31000-31001,31004-31009];cpus(web):1"));
    }

    @Test
    void containmentIsExactForPortsAndKeepsReservationsApart() {
        CompactResources agent = c("cpus:4;ports:[31000-31009]");

        assertThat(agent.contains(c("cpus:4;ports:[31003-31004]"))).isTrue();
        assertThat(agent.contains(c("ports:[31009-31010]"))).isFalse();
        assertThat(agent.contains(c("cpus(web):1"))).isFalse();
        assertThat(agent.contains(c("cpus:4.001"))).isFalse();
    }

    @Test
    void theCommonPartTakesTheSmallerAmountAndSharedPorts() {
        CompactResources common = c("cpus:4;mem:100;ports:[31000-31009]").commonPart(c("cpus:1;disk:9;ports:[31008-31020]"));

        assertThat(common.toResources()).isEqualTo(Resources.parse("cpus:1;ports:[31008-31009]"));
    }

    @Test
    void quantitiesFoldReservationsAndCountPorts() {
        CompactResources r = c("cpus:1;cpus(web):2;ports:[31000-31009]");

        assertThat(r.quantity(shapes.nameIndex("cpus"))).isEqualTo(3.0);
        assertThat(r.quantity(shapes.nameIndex("ports"))).isEqualTo(10.0);
        assertThat(r.quantity(shapes.nameIndex("gpus"))).isZero();
    }

    @Test
    void scalarsKeepThreeDecimalsAndNothingGoesNegative() {
        CompactResources r = c("cpus:0.3");
        for (int i = 0; i < 3; i++) {
            r.subtract(c("cpus:0.1"));
        }
        assertThat(r.isEmpty()).isTrue();
        r.subtract(c("cpus:1"));
        assertThat(r.isEmpty()).isTrue();
    }
}
