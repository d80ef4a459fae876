package io.mpaas.agent.process;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.protocol.mesos.CommandInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv a task's {@link CommandInfo} asks for, checked before anything starts: a missing
 * executable is a launch failure with a clear message rather than an exit code 127 the
 * framework would have to interpret.
 *
 * <p>{@code shell} (the default) runs {@code /bin/sh -c value}; a command sh cannot find is
 * then sh's business (exit 127), as in Mesos. Otherwise {@code value} is the executable and
 * {@code arguments} the argv, {@code arguments[0]} being argv[0] as in Mesos. The process is
 * started through {@code setsid}, which cannot give a program an argv[0] other than its own
 * name, so {@code value} always stands in argv[0] and {@code arguments[0]} is dropped.
 */
record TaskCommand(List<String> argv) {

    TaskCommand {
        argv = List.copyOf(argv);
    }

    /**
     * @param sandbox the working directory a relative executable is found from
     * @param path the task's PATH, where a bare executable name is looked up
     */
    static TaskCommand of(CommandInfo command, Path sandbox, String path) throws LaunchFailure {
        if (command == null) {
            throw LaunchFailure.invalid("the process containerizer runs tasks with a command; this task has none");
        }
        String value = command.value();
        if (value == null || value.isBlank()) {
            throw LaunchFailure.invalid("the task's command.value is empty");
        }
        if (command.isShell()) {
            return new TaskCommand(List.of("/bin/sh", "-c", value));
        }
        if (!executable(value, sandbox, path)) {
            throw LaunchFailure.failed("executable '" + value + "' not found"
                    + (value.contains("/") ? " (or not executable) in " + sandbox : " on PATH " + path), null);
        }
        List<String> argv = new ArrayList<>();
        argv.add(value);
        List<String> arguments = command.arguments();
        argv.addAll(arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size()));
        return new TaskCommand(argv);
    }

    private static boolean executable(String value, Path sandbox, String path) {
        if (value.contains("/")) {
            return runnable(sandbox.resolve(value));
        }
        for (String dir : path.split(":", -1)) {
            // An empty PATH entry means the working directory.
            if (runnable((dir.isEmpty() ? sandbox : sandbox.resolve(dir)).resolve(value))) {
                return true;
            }
        }
        return false;
    }

    private static boolean runnable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
