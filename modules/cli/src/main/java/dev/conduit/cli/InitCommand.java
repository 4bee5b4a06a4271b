package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.PrivateFiles;
import dev.conduit.server.WorkerEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code conduit init}: writes a starter {@code config.json} in the Conduit home for one provider,
 * or imports claude-code-router's. It asks only what the options leave open, and only in a
 * terminal; an existing file is replaced only with {@code --force}, and kept as a backup then.
 */
final class InitCommand {

    static final String USAGE = """
            conduit init [--provider NAME [--model MODEL] | --from-ccr] [--force]
              writes $CONDUIT_HOME/config.json (~/.conduit/config.json), mode 600, checked to load first
              --provider NAME  a starter for one provider: %s;
                               its key is read from a variable ($OPENROUTER_API_KEY, …), never written
              --model MODEL    the default route's model (default: the provider's usual one)
              --from-ccr       imports ~/.claude-code-router/config.json, showing what Conduit changes
              --force          replaces an existing config, keeping it as config.json.bak
              without --provider or --from-ccr, asks in a terminal (offering the import when there is
              a claude-code-router config); elsewhere one of them is needed
              exit: 0 written; 1 a config exists (without --force) or would not load; 2 bad options"""
            .formatted(StarterConfig.names());

    private record Options(Optional<String> provider, Optional<String> model, boolean fromCcr, boolean force) {}

    private final WorkerEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    private InitCommand(WorkerEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException usage) {
            err.println("conduit init: " + usage.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        return new InitCommand(environment, out, err).init(options);
    }

    private static Options parse(String[] args) {
        Optional<String> provider = Optional.empty();
        Optional<String> model = Optional.empty();
        boolean fromCcr = false;
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--provider" -> provider = Optional.of(value(args, ++i, "--provider"));
                case "--model" -> model = Optional.of(value(args, ++i, "--model"));
                case "--from-ccr" -> fromCcr = true;
                case "--force" -> force = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (fromCcr && (provider.isPresent() || model.isPresent())) {
            throw new IllegalArgumentException("--from-ccr imports a config; --provider and --model write a new one");
        }
        if (model.isPresent() && provider.isEmpty()) {
            throw new IllegalArgumentException("--model goes with --provider");
        }
        if (provider.isPresent() && StarterConfig.named(provider.get()).isEmpty()) {
            throw new IllegalArgumentException("no starter for provider \"" + provider.get() + "\"; choose one of "
                    + StarterConfig.names());
        }
        return new Options(provider, model, fromCcr, force);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index].strip();
    }

    private int init(Options options) {
        Path target = environment.conduitHome().resolve("config.json");
        if (Files.exists(target) && !options.force()) {
            err.println("conduit init: " + target + " exists already; conduit init --force replaces it (keeping it as "
                    + target.getFileName() + ".bak)");
            return Main.FAILURE;
        }
        Path ccr = environment.userHome().resolve(".claude-code-router").resolve("config.json");
        if (options.fromCcr()) {
            return importCcr(ccr, target);
        }
        if (options.provider().isPresent()) {
            StarterConfig starter = StarterConfig.named(options.provider().get()).orElseThrow();
            return writeStarter(options.model().map(starter::withDefaultModel).orElse(starter), target);
        }
        if (!ModelCommand.inTerminal()) {
            err.println("conduit init: name a provider with --provider NAME (" + StarterConfig.names() + ")"
                    + (Files.exists(ccr) ? ", or import " + ccr + " with --from-ccr" : ""));
            return Main.USAGE;
        }
        try {
            return ask(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), ccr, target);
        } catch (IOException unreadable) {
            err.println("conduit init: cannot read the terminal (" + unreadable.getMessage() + ")");
            return Main.FAILURE;
        }
    }

    /** The questions, in a terminal: the import when there is something to import, else the provider. */
    private int ask(BufferedReader in, Path ccr, Path target) throws IOException {
        if (Files.exists(ccr)) {
            out.print("Import claude-code-router's config " + ccr + "? [Y/n] ");
            out.flush();
            String answer = in.readLine();
            if (answer == null) {
                out.println("Nothing written.");
                return Main.FAILURE;
            }
            if (!answer.strip().toLowerCase(Locale.ROOT).startsWith("n")) {
                return importCcr(ccr, target);
            }
        }
        out.println("Which provider do you use?");
        for (int i = 0; i < StarterConfig.PROVIDERS.size(); i++) {
            StarterConfig starter = StarterConfig.PROVIDERS.get(i);
            out.printf("  %d) %-11s %s%n", i + 1, starter.provider(),
                    starter.variable().map(name -> "key in $" + name).orElse("local, no key"));
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            out.print("Provider [1-" + StarterConfig.PROVIDERS.size() + "]: ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                break;
            }
            Optional<StarterConfig> chosen = choice(line.strip());
            if (chosen.isPresent()) {
                return writeStarter(chosen.get(), target);
            }
            out.println("  \"" + line.strip() + "\" is neither a number from the list nor a provider's name");
        }
        out.println("Nothing written.");
        return Main.FAILURE;
    }

    private static Optional<StarterConfig> choice(String answer) {
        try {
            int number = Integer.parseInt(answer);
            return number >= 1 && number <= StarterConfig.PROVIDERS.size()
                    ? Optional.of(StarterConfig.PROVIDERS.get(number - 1)) : Optional.empty();
        } catch (NumberFormatException name) {
            return StarterConfig.named(answer);
        }
    }

    private int writeStarter(StarterConfig starter, Path target) {
        // the variable's not being set yet is said below, with what to do about it
        Optional<String> unsetKey = starter.variable().map(name -> "$" + name + " is not set in the environment");
        if (!write(target, starter.text(), warning -> unsetKey.isEmpty() || !warning.contains(unsetKey.get()))) {
            return Main.FAILURE;
        }
        out.println("Routes: default → " + starter.defaultTarget() + "; conduit model shows them, conduit model set"
                + " changes them");
        starter.variable().ifPresent(variable -> out.println(environment.variables().containsKey(variable)
                ? "$" + variable + " is set in this shell; Conduit reads the key from it"
                : "Set " + variable + " (your " + starter.provider() + " API key) in your shell, or put "
                        + variable + "=... in " + target.resolveSibling(".env")));
        out.println("Then: conduit code   (or conduit start; eval \"$(conduit activate)\"; claude)");
        return Main.OK;
    }

    private int importCcr(Path ccr, Path target) {
        String original;
        try {
            original = Files.readString(ccr, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            err.println("conduit init: cannot read claude-code-router's config " + ccr + " ("
                    + (Files.exists(ccr) ? unreadable.getClass().getSimpleName() : "no such file") + ")");
            return Main.FAILURE;
        }
        ClaudeCodeRouterImport imported = ClaudeCodeRouterImport.of(original, ccr.toString());
        out.println("Importing " + ccr + "; what Conduit changes:");
        LineDiff.of(original, imported.text()).forEach(line -> out.println("  " + line));
        imported.removed().forEach(why -> out.println("  left out " + why));
        if (!write(target, imported.text(), warning -> true)) {
            return Main.FAILURE;
        }
        out.println(ccr + " stays as it was; Conduit reads " + target + " from now on");
        return Main.OK;
    }

    /**
     * Checks that {@code text} loads as {@code target}, then writes it, mode 600, and prints the
     * loader's warnings that {@code shown} keeps; false (after saying why) when it would not load.
     */
    private boolean write(Path target, String text, Predicate<String> shown) {
        ConduitConfig loaded;
        try {
            loaded = environment.configLoader().parse(text, target,
                    new ConfigSource.File(target, ConfigSource.Origin.CONDUIT_HOME));
        } catch (ConfigException wouldNotLoad) {
            err.println("conduit init: the config would not load in Conduit, so nothing was written:");
            err.println(wouldNotLoad.getMessage());
            return false;
        }
        try {
            PrivateFiles.folder(target.getParent());
            Optional<Path> backup = ConfigFileWriter.write(target, text, ConfigFileWriter.OWNER_ONLY);
            out.println("Wrote " + target + backup.map(copy -> " (the previous one is kept as " + copy + ")").orElse(""));
        } catch (IOException failed) {
            err.println("conduit init: cannot write " + target + " (" + failed.getClass().getSimpleName() + ": "
                    + failed.getMessage() + ")");
            return false;
        }
        loaded.warnings().stream().filter(shown).forEach(warning -> out.println("note: " + warning));
        String named = environment.variables().getOrDefault("CONDUIT_CONFIG", "").strip();
        if (!named.isEmpty()) {
            out.println("note: $CONDUIT_CONFIG names " + named + ", which Conduit reads instead while it is set");
        }
        return true;
    }
}
