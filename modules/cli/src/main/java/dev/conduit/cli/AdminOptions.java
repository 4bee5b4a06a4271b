package dev.conduit.cli;

import java.util.ArrayList;
import java.util.List;

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
}
