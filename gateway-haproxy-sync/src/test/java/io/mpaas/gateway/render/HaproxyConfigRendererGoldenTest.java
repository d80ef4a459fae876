package io.mpaas.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case's rendered text against its golden file. Run with {@code -Dgolden.update=true} to rewrite
 * the goldens from the renderer (then read the diff before committing it).
 */
class HaproxyConfigRendererGoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> cases() {
        return RenderCases.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTheGolden(String name) throws IOException {
        RenderCases.Case c = RenderCases.all().get(name);
        String text = new HaproxyConfigRenderer(c.settings()).render(c.table(), c.slots());
        Path golden = RenderCases.GOLDEN_DIR.resolve(name + ".cfg");
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file (create it with -Dgolden.update=true)").exists();
        assertThat(text).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheSameBytesTwice(String name) {
        RenderCases.Case c = RenderCases.all().get(name);
        HaproxyConfigRenderer renderer = new HaproxyConfigRenderer(c.settings());
        assertThat(renderer.render(c.table(), c.slots())).isEqualTo(renderer.render(c.table(), c.slots()));
    }
}
