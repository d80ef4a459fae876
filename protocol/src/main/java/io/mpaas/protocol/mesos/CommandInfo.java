package io.mpaas.protocol.mesos;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What to run. With {@code shell} (the default) {@code value} runs under {@code /bin/sh -c};
 * otherwise {@code value} is the executable and {@code arguments} its argv.
 */
public record CommandInfo(
        List<Uri> uris,
        Environment environment,
        Boolean shell,
        String value,
        List<String> arguments,
        String user) {

    public CommandInfo {
        uris = uris == null ? List.of() : List.copyOf(uris);
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    public static CommandInfo shell(String command) {
        return new CommandInfo(null, null, true, command, null, null);
    }

    public boolean isShell() {
        return shell == null || shell;
    }

    /** A file the agent fetches into the sandbox before the task starts. */
    public record Uri(String value, Boolean executable, Boolean extract, Boolean cache, String outputFile) {
    }

    public record Environment(List<Variable> variables) {
        public Environment {
            variables = variables == null ? List.of() : List.copyOf(variables);
        }

        /** An environment variable; {@code type} is VALUE (default) or SECRET. */
        public record Variable(String name, String type, String value, JsonNode secret) {
        }
    }
}
