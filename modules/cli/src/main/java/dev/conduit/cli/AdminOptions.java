package dev.conduit.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of an admin verb: {@code --json} (one JSON object on standard output, for scripts)
 * and what else the verb takes as plain arguments.
 *
 * @param json whether to print JSON instead of a table
 * @param arguments the arguments that are not options
 */
record AdminOptions(boolean json, List<String> arguments) {

    /** The options, or a usage error naming the first unknown option. */
    static AdminOptions parse(List<String> args) throws IllegalArgumentException {
        boolean json = false;
        List<String> arguments = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                arguments.add(arg);
            }
        }
        return new AdminOptions(json, List.copyOf(arguments));
    }

    /**
     * The options of a verb that takes nothing but {@code --json}; on a usage error, says what is
     * wrong and the verb's usage on {@code err} and returns empty (the verb exits with {@link Main#USAGE}).
     */
    static Optional<AdminOptions> withoutArguments(String verb, String usage, List<String> args, PrintStream err) {
        try {
            AdminOptions options = parse(args);
            if (!options.arguments().isEmpty()) {
                throw new IllegalArgumentException("takes no arguments");
            }
            return Optional.of(options);
        } catch (IllegalArgumentException e) {
            err.println("conduit " + verb + ": " + e.getMessage());
            err.println(usage);
            return Optional.empty();
        }
    }
}
