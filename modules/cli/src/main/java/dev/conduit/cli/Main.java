package dev.conduit.cli;

import dev.conduit.server.AotTraining;
import dev.conduit.server.Version;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerMain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code conduit <command> [options]}. Exit codes: 0 ok, 1 failure, 2 usage error, 3 not running.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int NOT_RUNNING = 3;

    /** Not for users: the workload the image build records the AOT cache with. */
    private static final String AOT_TRAINING = "__aot-training";

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK || args.length == 0 || !args[0].equals("run")) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, WorkerEnvironment.current());
    }

    /** @param environment the variables and home folder commands read the config and overrides with */
    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
        if (args.length == 0) {
            err.print(CommandHelp.overview());
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        // the help texts only when asked for: building them initialises every command's class,
        // 20 ms of a worker's start
        if (rest.length == 1 && isHelp(rest[0])) {
            Optional<CommandHelp> help = CommandHelp.of(args[0]);
            if (help.isPresent()) {
                out.println(help.get().usage());
                return OK;
            }
        }
        return switch (args[0]) {
            case "run" -> WorkerMain.run(rest);
            case "start" -> StartCommand.run(List.of(rest), out, err);
            case "stop" -> StopCommand.run(List.of(rest), out, err);
            case "status" -> StatusCommand.run(List.of(rest), out, err);
            case "restart" -> RestartCommand.run(List.of(rest), out, err);
            case "health" -> HealthCommand.run(List.of(rest), out, err);
            case "metrics" -> MetricsCommand.run(List.of(rest), out, err);
            case "drain" -> DrainCommand.run(List.of(rest), out, err);
            case "model" -> ModelCommand.run(rest, out, err, environment);
            case "init" -> InitCommand.run(rest, out, err, environment);
            case "reload" -> ReloadCommand.run(rest, out, err, environment);
            case "activate" -> ActivateCommand.run(rest, out, err, environment);
            case "code" -> CodeCommand.run(rest, err, environment);
            case "completion" -> CompletionScript.run(rest, out, err);
            case "logs" -> LogsCommand.run(rest, out, err, environment);
            case "service" -> ServiceCommand.run(rest, out, err);
            case "version", "--version", "-v" -> {
                if (rest.length > 0) {
                    err.println("conduit version takes no options");
                    yield USAGE;
                }
                out.println("conduit " + Version.current());
                yield OK;
            }
            case AOT_TRAINING -> {
                try {
                    yield AotTraining.run();
                } catch (Exception e) {
                    err.println("AOT training failed: " + e);
                    yield FAILURE;
                }
            }
            case "help", "--help", "-h" -> help(rest, out, err);
            default -> {
                err.println("conduit: unknown command \"" + args[0] + "\"");
                err.print(CommandHelp.overview());
                yield USAGE;
            }
        };
    }

    private static int help(String[] rest, PrintStream out, PrintStream err) {
        if (rest.length == 0) {
            out.print(CommandHelp.overview());
            return OK;
        }
        Optional<CommandHelp> command = CommandHelp.of(rest[0]);
        if (rest.length > 1 || command.isEmpty()) {
            err.println("conduit help: no command \"" + String.join(" ", rest) + "\"");
            err.print(CommandHelp.overview());
            return USAGE;
        }
        out.println(command.get().usage());
        return OK;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }
}
