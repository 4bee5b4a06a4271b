package dev.conduit.cli;

import dev.conduit.testing.LocalProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code conduit} command run as a process from the build's classes, with a home of its own
 * ({@code $HOME} and {@code user.home}, so no test reads the real {@code ~/.claude-code-router}).
 */
final class ConduitCommand {

    record Result(int exitCode, String out, String err) {}

    private final Path home;

    ConduitCommand(Path home) {
        this.home = home;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), "", args);
    }

    /** Starts a command that runs until it is destroyed (like {@code logs -f}); its output goes to {@link #output()}. */
    Process start(String... args) throws IOException {
        return builder(Map.of(), args).start();
    }

    /** What the last command printed on its standard output so far. */
    String output() throws IOException {
        return read("command.out");
    }

    /** Runs with {@code environment} added to the process's and {@code input} on its standard input. */
    Result run(Map<String, String> environment, String input, String... args) throws IOException, InterruptedException {
        Process process = builder(environment, args).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException exitedAlready) {
            // a command that does not read its input may be gone before it is written
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("conduit " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), read("command.out"), read("command.err"));
    }

    /**
     * Runs one of the admin scripts ({@code scripts/admin}) with {@code CONDUIT} naming a wrapper
     * that runs this command, as cron would run it.
     */
    Result script(Path script, String... args) throws IOException, InterruptedException {
        Path wrapper = home.resolve("conduit-command");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName()
                + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        List<String> command = new ArrayList<>(List.of("sh", script.toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = environment(new ProcessBuilder(command), Map.of("CONDUIT", wrapper.toString()));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), read("command.out"), read("command.err"));
    }

    /** How a command is started, for tests that start it their own way (under setsid, or script for a terminal). */
    ProcessBuilder builder(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        return environment(new ProcessBuilder(command), environment);
    }

    private ProcessBuilder environment(ProcessBuilder builder, Map<String, String> environment) {
        builder.redirectOutput(home.resolve("command.out").toFile())
                .redirectError(home.resolve("command.err").toFile());
        // what the machine running the tests sets must not decide a command's behaviour: a CI
        // runner's CI=true would hide whether conduit code set it, a CONDUIT_CONFIG would win
        List.of("CI", "CONDUIT_CONFIG", "CONDUIT_ENV_FILE", "NON_INTERACTIVE_MODE").forEach(builder.environment()::remove);
        builder.environment().put("CONDUIT_HOME", home.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("CONDUIT_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto");
        builder.environment().putAll(environment);
        return builder;
    }

    private String read(String file) throws IOException {
        return Files.readString(home.resolve(file), StandardCharsets.UTF_8);
    }

    /** Kills every process of this home: the supervisors and workers, whose arguments name files in it. */
    void killAll() {
        LocalProcesses.killAllMentioning(home.toString());
    }
}
