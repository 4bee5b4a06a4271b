package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code conduit code [claude arguments]}: runs Claude Code through Conduit, starting a gateway in
 * the background first when none serves. A gateway it starts stays up after Claude Code exits
 * ({@code conduit stop} ends it), and one it found running is never stopped.
 */
final class CodeCommand {

    static final String USAGE = """
            conduit code [claude arguments]
              runs Claude Code ($CLAUDE_PATH, else claude) with the environment of conduit activate,
              starting Conduit in the background first when it does not run; the arguments, input,
              output and exit status are Claude Code's (conduit code -- --help passes --help on)""";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private CodeCommand() {}

    static int run(String[] args, PrintStream err, WorkerEnvironment environment) {
        ConduitConfig config;
        try {
            config = environment.configLoader().load(Optional.empty());
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage());
            return Main.FAILURE;
        }
        Optional<ConduitConfig> serving = ensureServing(config, environment, err);
        if (serving.isEmpty()) {
            return Main.FAILURE;
        }
        List<String> claudeArgs = List.of(args);
        if (!claudeArgs.isEmpty() && claudeArgs.getFirst().equals("--")) {
            claudeArgs = claudeArgs.subList(1, claudeArgs.size());
        }
        return runClaude(claudeArgs, serving.get(), environment, err);
    }

    /** The config as the serving gateway listens, after starting one if none serves; empty when that failed. */
    private static Optional<ConduitConfig> ensureServing(ConduitConfig config, WorkerEnvironment environment,
            PrintStream err) {
        RunDirectory run = RunDirectory.of(environment.conduitHome());
        try {
            RunState state = RunState.inspect(run);
            Optional<ProcessRecord> worker = state.worker();
            if (worker.isPresent()) {
                return Optional.of(config.withListener(worker.get().host(), worker.get().port()));
            }
            if (state.supervisor().isPresent()) {
                err.println("conduit code: Conduit's supervisor (pid " + state.supervisor().get().pid()
                        + ") runs but no worker serves now; conduit status says why");
                return Optional.empty();
            }
            if (answersAlive(config)) {
                return Optional.of(config);
            }
            err.println("Starting Conduit in the background (conduit stop ends it) …");
            if (StartCommand.run(List.of(), err, err) != Main.OK) {
                err.println("conduit code: Conduit did not start, so Claude Code was not run");
                return Optional.empty();
            }
            return Optional.of(RunState.inspect(run).worker()
                    .map(started -> config.withListener(started.host(), started.port())).orElse(config));
        } catch (IOException unreadable) {
            err.println("conduit code: " + unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** Whether a gateway not started by {@code conduit start} (say {@code conduit run}) serves the config's port. */
    private static boolean answersAlive(ConduitConfig config) {
        URI alive = URI.create(ClaudeCodeEnvironment.of(config).variables().get("ANTHROPIC_BASE_URL") + "/alive");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(alive).timeout(PROBE_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notServing) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int runClaude(List<String> args, ConduitConfig config, WorkerEnvironment environment,
            PrintStream err) {
        String claudePath = environment.variables().getOrDefault("CLAUDE_PATH", "").strip();
        ProcessBuilder builder = new ProcessBuilder(claudePath.isEmpty() ? "claude" : claudePath);
        builder.command().addAll(args);
        builder.inheritIO();
        ClaudeCodeEnvironment claude = ClaudeCodeEnvironment.of(config);
        builder.environment().putAll(claude.variables());
        claude.unset().forEach(builder.environment()::remove);
        if (config.nonInteractiveMode()) {
            builder.environment().putAll(ClaudeCodeEnvironment.nonInteractive());
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        }
        SignalForwarding signals = SignalForwarding.install();
        Process process;
        try {
            process = builder.start();
        } catch (IOException cannotRun) {
            err.println("conduit code: cannot run " + builder.command().getFirst() + " (" + cannotRun.getMessage()
                    + "): install Claude Code (npm install -g @anthropic-ai/claude-code) or set CLAUDE_PATH");
            return Main.FAILURE;
        }
        if (config.nonInteractiveMode()) {
            closeInput(process);
        }
        signals.forwardTo(process);
        return awaitExit(process);
    }

    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // Claude Code exited already; its status tells the rest
        }
    }

    /**
     * Claude Code's exit status (128 + the signal when a signal ended it, as shells report).
     * Signals sent to this process go on to Claude Code ({@link SignalForwarding}); should this
     * JVM end anyway, its shutdown hook ends Claude Code too.
     */
    private static int awaitExit(Process process) {
        Thread stopClaude = new Thread(process::destroy);
        Runtime.getRuntime().addShutdownHook(stopClaude);
        while (true) {
            try {
                int status = process.waitFor();
                Runtime.getRuntime().removeShutdownHook(stopClaude);
                return status;
            } catch (InterruptedException interrupted) {
                process.destroy();
            }
        }
    }
}
