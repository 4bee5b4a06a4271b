package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.server.WorkerEnvironment;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code conduit activate}: prints the shell lines that point Claude Code (and anything else
 * speaking Anthropic's API) at Conduit, for {@code eval "$(conduit activate)"}.
 */
final class ActivateCommand {

    static final String USAGE = """
            conduit activate [--shell sh|powershell] [--config FILE]
              prints the environment that points Claude Code at Conduit:
                eval "$(conduit activate)"                                  (sh, bash, zsh)
                conduit activate --shell powershell | Invoke-Expression     (PowerShell)""";

    private ActivateCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
        ShellSyntax shell = ShellSyntax.POSIX;
        Optional<Path> config = Optional.empty();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--shell" -> shell = ShellSyntax.named(value(args, ++i, "--shell"));
                    case "--config" -> config = Optional.of(path(value(args, ++i, "--config")));
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return Main.OK;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException usage) {
            err.println("conduit activate: " + usage.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        ConduitConfig loaded;
        try {
            loaded = environment.configLoader().load(config);
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage());
            return Main.FAILURE;
        }
        ClaudeCodeEnvironment claude = ClaudeCodeEnvironment.of(loaded);
        ShellSyntax syntax = shell;
        claude.variables().forEach((name, value) -> out.println(syntax.set(name, value)));
        claude.unset().forEach(name -> out.println(syntax.unset(name)));
        return Main.OK;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException invalid) {
            throw new IllegalArgumentException("--config: not a valid path: " + text);
        }
    }
}
