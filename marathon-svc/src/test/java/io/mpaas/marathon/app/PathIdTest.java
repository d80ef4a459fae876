package io.mpaas.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link PathId}: parsing, equality, order and the cache of parsed ids. */
class PathIdTest {

    @Test
    void equalIdsParsedFromAnyTextAreTheSameObject() {
        PathId id = PathId.of("/prod/web");
        assertThat(PathId.of("/prod/web")).isSameAs(id);
        assertThat(PathId.of("prod/web")).isSameAs(id);
        assertThat(PathId.of("/prod//web/")).isSameAs(id);
        assertThat(PathId.of("/prod/db/../web")).isSameAs(id);
    }

    @Test
    void idsMadeOtherwiseAreEqualWithTheSameHash() {
        PathId parsed = PathId.of("/prod/web");
        PathId built = PathId.ROOT.child("prod").child("web");
        PathId fromSegments = new PathId(List.of("prod", "web"));
        assertThat(built).isSameAs(parsed);
        assertThat(fromSegments).isEqualTo(parsed).hasSameHashCodeAs(parsed).isNotSameAs(parsed);
        assertThat(parsed.parent()).isSameAs(PathId.of("/prod"));
        assertThat(PathId.of("/")).isSameAs(PathId.ROOT);
        assertThat(PathId.of("/prod").resolve("web")).isSameAs(parsed);
        // A slash inside a segment is another id with the same text: equal to neither, never swapped for it.
        PathId odd = PathId.of("/prod").child("we/b");
        assertThat(odd.segments()).containsExactly("prod", "we/b");
        assertThat(odd).isNotEqualTo(PathId.of("/prod/we/b"));
        assertThat(PathId.of("/prod/we/b").segments()).containsExactly("prod", "we", "b");
        assertThat(PathId.of("/prod").child("..").segments()).containsExactly("prod", "..");
        assertThat(PathId.of("/prod/..")).isSameAs(PathId.ROOT);
        assertThat(parsed).isNotEqualTo(PathId.of("/prod/webs")).isNotEqualTo(PathId.of("/prod"));
        assertThat(parsed.toString()).isEqualTo("/prod/web");
        assertThat(PathId.ROOT.toString()).isEqualTo("/");
    }

    @Test
    void ordersAsTheTextsDo() {
        // '-' sorts before '/': Marathon orders by the id's text, not segment by segment.
        List<PathId> ids = List.of(PathId.of("/a/b"), PathId.of("/a-b"), PathId.of("/a"), PathId.of("/b"),
                PathId.of("/a/a"));
        assertThat(new TreeSet<>(ids)).extracting(PathId::toString).containsExactly("/a", "/a-b", "/a/a", "/a/b",
                "/b");
    }

    @Test
    void theCacheStartsOverWithoutChangingWhatIdsMean() {
        PathId before = PathId.of("/kept/app");
        List<PathId> many = new ArrayList<>();
        for (int i = 0; i <= PathId.PARSED_LIMIT; i++) {
            many.add(PathId.of("/many/app-" + i));
        }
        assertThat(PathId.of("/kept/app")).isEqualTo(before);
        assertThat(PathId.of("/many/app-7")).isEqualTo(many.get(7));
    }
}
