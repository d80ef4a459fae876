package io.mpaas.gateway.haproxy;

/**
 * HAProxy understood the connection but refused a command. HAProxy 2.6 has no status codes on its CLI: an
 * error is plain text such as {@code No such server.}, so the answer is carried verbatim for the operator.
 */
public class RuntimeApiException extends RuntimeException {

    private final String command;
    private final String answer;

    public RuntimeApiException(String command, String answer) {
        super("HAProxy refused '" + command + "': " + answer.strip());
        this.command = command;
        this.answer = answer;
    }

    public String command() {
        return command;
    }

    public String answer() {
        return answer;
    }
}
