package dev.conduit.cli;

import dev.conduit.server.WorkerOptions;
import dev.conduit.watchdog.SupervisorOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Every command's help in one format: a usage line, what it does, its options and exit codes.
 * {@code conduit COMMAND --help} and {@code conduit help COMMAND} print it; the completion
 * scripts take the command names and options from here too.
 *
 * @param name the command
 * @param summary one line for the overview
 * @param usage the whole help text, without a final newline
 * @param options the options the shell completes after the command
 */
record CommandHelp(String name, String summary, String usage, List<String> options) {

    static final String EXIT_CODES = "Exit codes: 0 ok, 1 failure, 2 usage error, 3 not running.";

    private static final String RUN_OPTIONS = WorkerOptions.USAGE.indent(2).stripTrailing();
    private static final List<String> WORKER_FLAGS = List.of("--config", "--host", "--port");

    private static final SequencedMap<String, CommandHelp> COMMANDS = new LinkedHashMap<>();

    static {
        add(new CommandHelp("run", "run the gateway in the foreground", """
                conduit run [--config FILE] [--host HOST] [--port PORT]
                  runs one worker in the foreground, logging to the console; Ctrl-C or SIGTERM stops it
                """ + RUN_OPTIONS, WORKER_FLAGS));
        add(new CommandHelp("start", "start the gateway in the background, supervised; returns once it serves",
                StartCommand.USAGE.stripTrailing() + "\n" + RUN_OPTIONS.replace("Options:", "Run options (as conduit run):")
                        + "\n  exit: 0 serving; 1 failed or already running; 2 bad options",
                List.of("--config", "--host", "--port", "--max-worker-rss", "--max-worker-heap", "--memory-sustain")));
        add(new CommandHelp("stop", "drain and stop the gateway and its supervisor", """
                conduit stop
                  SIGTERM to the supervisor: the worker drains, then both exit
                  exit: 0 stopped; 1 still running after 90 s; 3 not running""", List.of()));
        add(new CommandHelp("status", "supervisor and worker: pids, uptimes, restarts, health, port",
                StatusCommand.USAGE, List.of("--json")));
        add(new CommandHelp("health", "the worker's health: status, checks, providers (exit 1 unless healthy)",
                HealthCommand.USAGE, List.of("--json")));
        add(new CommandHelp("metrics", "requests, tokens, cost, errors and connections since the worker started",
                MetricsCommand.USAGE, List.of("--json")));
        add(new CommandHelp("restart", "rolling restart of the worker, without refusing a request",
                RestartCommand.USAGE, List.of("--json")));
        add(new CommandHelp("drain", "take the worker out of service: finish requests, then stop",
                DrainCommand.USAGE, List.of("--json")));
        add(new CommandHelp("reload", "make the running worker read its config file again",
                ReloadCommand.USAGE + "\n  exit: 0 reloaded; 1 rejected or failed; 3 no worker answers",
                List.of("--json", "--config", "--host", "--port")));
        add(new CommandHelp("model", "show the routes with their health; model set SLOT provider,model changes one",
                ModelCommand.USAGE, List.of("list", "set", "--json", "--explain", "--config")));
        add(new CommandHelp("init", "write a starter config, or import claude-code-router's (--from-ccr)",
                InitCommand.USAGE, List.of("--provider", "--model", "--from-ccr", "--force")));
        add(new CommandHelp("logs", "print the worker's or the supervisor's last log lines; -f follows",
                LogsCommand.USAGE, List.of("-f", "--follow", "--worker", "--supervisor", "--lines")));
        add(new CommandHelp("activate", "print the environment that points Claude Code at Conduit",
                ActivateCommand.USAGE, List.of("--shell", "--config")));
        add(new CommandHelp("code", "run Claude Code through Conduit, starting Conduit if it does not run",
                CodeCommand.USAGE + "\n  exit: Claude Code's; 1 when Conduit could not start or claude could not run",
                List.of()));
        add(new CommandHelp("service", "install or remove the system service (systemd, Windows): service install",
                ServiceCommand.USAGE, List.of("install", "uninstall", "status", "--user", "--force", "--root",
                        "--platform", "--dry-run")));
        add(new CommandHelp("completion", "print a shell completion script: completion bash|zsh",
                CompletionScript.USAGE, List.of("bash", "zsh")));
        add(new CommandHelp("version", "print the version", """
                conduit version
                  prints the version""", List.of()));
        add(new CommandHelp("help", "show this help, or a command's: help COMMAND", """
                conduit help [COMMAND]
                  shows the commands, or one command's options""", List.copyOf(COMMANDS.keySet())));
    }

    private static void add(CommandHelp help) {
        COMMANDS.put(help.name(), help);
    }

    static Optional<CommandHelp> of(String command) {
        return Optional.ofNullable(COMMANDS.get(command));
    }

    static List<CommandHelp> all() {
        return List.copyOf(COMMANDS.values());
    }

    /** The overview: every command with its summary, where to read on, the exit codes. */
    static String overview() {
        StringBuilder text = new StringBuilder("Usage: conduit <command> [options]\n\nCommands:\n");
        COMMANDS.values().forEach(help -> text.append("  %-12s%s\n".formatted(help.name(), help.summary())));
        return text.append("""

                conduit <command> --help shows a command's options.
                %s

                Point Claude Code at it:  eval "$(conduit activate)"; claude   (or: conduit code)
                """.formatted(EXIT_CODES)).toString();
    }
}
