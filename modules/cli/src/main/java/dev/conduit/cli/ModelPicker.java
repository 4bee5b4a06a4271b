package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.RouteTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code conduit model} in a terminal: numbered slots, then the numbered {@code provider,model}
 * targets of {@code Providers}, then a confirmation, one line each. Works on any pair of streams,
 * so tests can drive it; {@link ModelCommand} decides when a terminal is there.
 */
final class ModelPicker {

    /** What the user chose to set. */
    record Choice(String slot, String value) {}

    private static final int ATTEMPTS = 3;

    private final BufferedReader in;
    private final PrintStream out;

    ModelPicker(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    /** The choice, or empty when the user declined, gave up or closed the input. */
    Optional<Choice> pick(ConduitConfig config) throws IOException {
        List<RouteTarget> targets = RouteTable.choices(config);
        if (targets.isEmpty()) {
            out.println("Providers lists no models, so there is nothing to choose from.");
            return Optional.empty();
        }
        List<String> slots = RouteTable.SLOTS;
        out.println("Which route do you want to change?");
        for (int i = 0; i < slots.size(); i++) {
            out.printf("  %d) %-13s %s%n", i + 1, slots.get(i), ModelSetter.current(config, slots.get(i)));
        }
        Optional<Integer> slot = number("Route", slots.size());
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        String name = slots.get(slot.get() - 1);
        out.println("Send " + name + " requests to:");
        for (int i = 0; i < targets.size(); i++) {
            out.printf("  %d) %s%n", i + 1, targets.get(i));
        }
        Optional<Integer> target = number("Target", targets.size());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String chosen = targets.get(target.get() - 1).toString();
        out.print("Set Router." + name + " to " + chosen + " (now " + ModelSetter.current(config, name) + ")? [y/N] ");
        out.flush();
        String answer = in.readLine();
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            out.println("Nothing changed.");
            return Optional.empty();
        }
        return Optional.of(new Choice(name, chosen));
    }

    /** A number from 1 to {@code count}, asked again on a wrong answer; empty on q, end of input or too many tries. */
    private Optional<Integer> number(String what, int count) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            out.print(what + " [1-" + count + ", q to quit]: ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.strip().equalsIgnoreCase("q")) {
                out.println("Nothing changed.");
                return Optional.empty();
            }
            try {
                int number = Integer.parseInt(line.strip());
                if (number >= 1 && number <= count) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException notNumber) {
                // asked again below
            }
            out.println("  \"" + line.strip() + "\" is not a number from 1 to " + count);
        }
        out.println("Nothing changed.");
        return Optional.empty();
    }
}
