package dev.conduit.cli;

import dev.conduit.server.AotTraining;
import dev.conduit.server.Version;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerMain;
import dev.conduit.server.WorkerOptions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

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

    private static final String HELP = """
            Usage: conduit <command> [options]

            Commands:
              run        run the gateway in the foreground
              start      start the gateway in the background, supervised; returns once it serves
              stop       drain and stop the gateway and its supervisor
              status     supervisor and worker: pids, uptimes, restarts, health, port
              restart    rolling restart of the worker, without refusing a request
              model      explain which route a request takes: model --explain REQUEST.json
              reload     make the running worker read its config file again
              activate   print the environment that points Claude Code at Conduit
              code       run Claude Code through Conduit, starting Conduit if it does not run
              version    print the version
              help       show this help

            conduit run [options]
            %s

            %s

            %s

            %s

            %s

            %s

            Point Claude Code at it:  eval "$(conduit activate)"; claude
            """.formatted(WorkerOptions.USAGE.indent(2).stripTrailing(), StartCommand.USAGE, ModelCommand.USAGE,
                    ReloadCommand.USAGE, ActivateCommand.USAGE, CodeCommand.USAGE);

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
            err.print(HELP);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "run" -> {
                if (rest.length == 1 && isHelp(rest[0])) {
                    out.print(HELP);
                    yield OK;
                }
                yield WorkerMain.run(rest);
            }
            case "start" -> StartCommand.run(List.of(rest), out, err);
            case "stop" -> StopCommand.run(List.of(rest), out, err);
            case "status" -> StatusCommand.run(List.of(rest), out, err);
            case "restart" -> RestartCommand.run(List.of(rest), out, err);
            case "model" -> ModelCommand.run(rest, out, err, environment);
            case "reload" -> ReloadCommand.run(rest, out, err, environment);
            case "activate" -> ActivateCommand.run(rest, out, err, environment);
            case "code" -> CodeCommand.run(rest, out, err, environment);
            case "version", "--version", "-v" -> {
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
            case "help", "--help", "-h" -> {
                out.print(HELP);
                yield OK;
            }
            default -> {
                err.println("conduit: unknown command \"" + args[0] + "\"");
                err.print(HELP);
                yield USAGE;
            }
        };
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }
}
