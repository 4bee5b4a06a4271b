package dev.conduit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a command in a real pseudo-terminal, through util-linux {@code script}: its standard input
 * and output are a terminal, as when a person types, and what the test writes is what they type.
 */
final class PseudoTerminal {

    private PseudoTerminal() {}

    /** Starts {@code command} (its output files as the builder says) in a terminal, typing {@code typed}. */
    static Process run(ProcessBuilder command, String typed) throws IOException {
        String line = command.command().stream().map(PseudoTerminal::quoted).collect(Collectors.joining(" "));
        command.command(List.of("script", "-qec", "exec " + line, "/dev/null"));
        command.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = command.start();
        OutputStream keyboard = process.getOutputStream();
        keyboard.write(typed.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        return process;
    }

    /** Waits for the command to end, closing its keyboard then; answers its exit status. */
    static int await(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the command in the terminal did not end within 120 s");
        }
        process.getOutputStream().close();
        return process.exitValue();
    }

    static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
