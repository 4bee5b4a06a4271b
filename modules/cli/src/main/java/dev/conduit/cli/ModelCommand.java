package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.server.ExplainException;
import dev.conduit.server.RouteExplainer;
import dev.conduit.server.WorkerEnvironment;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code conduit model}: lists every route, rule and fallback chain with its health; {@code model
 * set} changes a slot; in a terminal without arguments it asks which; {@code --explain} says which
 * route a request takes, and why.
 */
final class ModelCommand {

    static final String USAGE = """
            conduit model [list] [--json] [--config FILE]
            conduit model set SLOT provider,model [--config FILE]
            conduit model --explain REQUEST.json [--config FILE]
              without arguments in a terminal: shows the routes, then asks which to change and to what
              list            every route slot, rule and fallback chain, each target with its provider's
                              health and breaker from the running worker (over JMX), or "not running"
              --json          the same listing as JSON, for scripts
              set SLOT TARGET changes Router.SLOT in the config file: only that value's text, checked
                              against Providers, the whole file validated first, the previous file kept
                              as config.json.bak; then the running worker reloads. SLOT is default,
                              background, think, longContext, webSearch, image or longContextThreshold
              --explain FILE  which route a request takes: an Anthropic request body, or
                              {"method", "path", "headers", "body"} as captured
              --config FILE   the config file (default: found as conduit run finds it)
              exit: 0 ok; 1 the config has errors, or the target is not in Providers; 2 bad options""";

    private ModelCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
        List<String> words = new ArrayList<>();
        Optional<Path> request = Optional.empty();
        Optional<Path> config = Optional.empty();
        boolean json = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--explain" -> request = Optional.of(path(args, ++i, "--explain"));
                    case "--config" -> config = Optional.of(path(args, ++i, "--config"));
                    case "--json" -> json = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return Main.OK;
                    }
                    default -> {
                        if (args[i].startsWith("-") && !(words.size() == 2 && words.getFirst().equals("set"))) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        words.add(args[i]);
                    }
                }
            }
            checkWords(words, request.isPresent(), json);
        } catch (IllegalArgumentException usage) {
            err.println("conduit model: " + usage.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        if (request.isPresent()) {
            return explain(request.get(), config, out, err, environment);
        }
        ModelSetter setter = new ModelSetter(environment.configLoader(), environment.conduitHome(), environment.userHome(),
                out, err);
        if (!words.isEmpty() && words.getFirst().equals("set")) {
            return setter.set(words.get(1), words.get(2), config);
        }
        ConduitConfig loaded;
        try {
            loaded = environment.configLoader().load(config);
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage());
            return Main.FAILURE;
        }
        RouteTable table = new RouteTable(loaded, LiveRouting.of(environment.conduitHome()));
        if (json) {
            out.println(table.json());
            return Main.OK;
        }
        out.print(table.text());
        if (!words.isEmpty() || !inTerminal()) {
            return Main.OK;
        }
        out.println();
        Optional<Path> file = config;
        try {
            Optional<ModelPicker.Choice> choice = new ModelPicker(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out).pick(loaded);
            return choice.map(chosen -> setter.set(chosen.slot(), chosen.value(), file)).orElse(Main.OK);
        } catch (IOException unreadable) {
            err.println("conduit model: cannot read the terminal (" + unreadable.getMessage() + ")");
            return Main.FAILURE;
        }
    }

    /** Whether a person sits at this command: standard input and output are a terminal. */
    static boolean inTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    private static void checkWords(List<String> words, boolean explain, boolean json) {
        if (explain && (!words.isEmpty() || json)) {
            throw new IllegalArgumentException("--explain takes only --config");
        }
        if (words.isEmpty()) {
            return;
        }
        switch (words.getFirst()) {
            case "list" -> {
                if (words.size() > 1) {
                    throw new IllegalArgumentException("list takes only --json and --config, not " + words.get(1));
                }
            }
            case "set" -> {
                if (words.size() != 3 || json) {
                    throw new IllegalArgumentException("set takes a slot and a target: set SLOT provider,model");
                }
            }
            default -> throw new IllegalArgumentException("unknown subcommand \"" + words.getFirst()
                    + "\"; use list, set or --explain");
        }
    }

    private static int explain(Path request, Optional<Path> config, PrintStream out, PrintStream err,
            WorkerEnvironment environment) {
        ConfigLoader loader = environment.configLoader();
        try {
            ConduitConfig loaded = loader.load(config);
            String text = Files.readString(request);
            out.print(RouteExplainer.explain(loaded, loader, environment.userHome(), text, request.toString()));
            return Main.OK;
        } catch (ConfigException | ExplainException failed) {
            err.println(failed.getMessage());
        } catch (IOException unreadable) {
            err.println(request + ": " + why(unreadable));
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
