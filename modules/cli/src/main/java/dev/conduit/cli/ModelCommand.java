package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.server.ExplainException;
import dev.conduit.server.RouteExplainer;
import dev.conduit.server.WorkerEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** {@code conduit model --explain REQUEST.json [--config FILE]}: which route a request takes, and why. */
final class ModelCommand {

    static final String USAGE = """
            conduit model --explain REQUEST.json [--config FILE]
              REQUEST.json    an Anthropic request body, or {"method", "path", "headers", "body"}
                              as captured (a /v1/chat/completions path means an OpenAI request)
              --config FILE   the config file (default: found as conduit run finds it)""";

    private ModelCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
        Optional<Path> request = Optional.empty();
        Optional<Path> config = Optional.empty();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--explain" -> request = Optional.of(path(args, ++i, "--explain"));
                    case "--config" -> config = Optional.of(path(args, ++i, "--config"));
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return Main.OK;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (request.isEmpty()) {
                throw new IllegalArgumentException("--explain REQUEST.json is required");
            }
        } catch (IllegalArgumentException usage) {
            err.println("conduit model: " + usage.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        ConfigLoader loader = environment.configLoader();
        try {
            ConduitConfig loaded = loader.load(config);
            String text = Files.readString(request.get());
            out.print(RouteExplainer.explain(loaded, loader, environment.userHome(), text,
                    request.get().toString()));
            return Main.OK;
        } catch (ConfigException | ExplainException failed) {
            err.println(failed.getMessage());
        } catch (IOException unreadable) {
            err.println(request.get() + ": " + why(unreadable));
        }
        return Main.FAILURE;
    }

    private static String why(IOException unreadable) {
        return switch (unreadable) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "permission denied";
            case CharacterCodingException notText -> "is not UTF-8 text";
            default -> "cannot be read";
        };
    }

    private static Path path(String[] args, int index, String option) {
        if (index >= args.length || args[index].isEmpty()) {
            throw new IllegalArgumentException(option + " needs a file");
        }
        try {
            return Path.of(args[index]);
        } catch (InvalidPathException invalid) {
            throw new IllegalArgumentException(option + ": not a valid path: " + args[index]);
        }
    }
}
