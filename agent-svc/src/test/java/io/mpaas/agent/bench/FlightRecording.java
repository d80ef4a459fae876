package io.mpaas.agent.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * With {@code --jfr <dir>}, a flight recording of the agent during each platform launch
 * ({@code <dir>/agent-<run>.jfr}), started and dumped through {@code jcmd}; {@code --jfr-settings}
 * names the settings (default {@code profile}).
 */
record FlightRecording(String dir, String settings) {
    void start(long pid) throws Exception {
        if (dir != null) {
            jcmd(pid, "JFR.start", "name=bench", "settings=" + (settings == null ? "profile" : settings));
        }
    }

    void stop(long pid, String run) throws Exception {
        if (dir != null) {
            jcmd(pid, "JFR.stop", "name=bench", "filename=" + Path.of(dir, "agent-" + run + ".jfr").toAbsolutePath());
        }
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
