package dev.conduit.watchdog;

import dev.conduit.watchdog.internal.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor's own options of {@code conduit start}; every other argument is the worker's
 * ({@code conduit run}'s), passed on as given.
 *
 * @param supervisorArgs the supervisor's options as given, to pass to the supervisor process
 * @param workerArgs everything else
 */
public record SupervisorOptions(WatchdogSettings settings, List<String> supervisorArgs, List<String> workerArgs) {

    public static final String USAGE = """
            Supervisor options (conduit start):
              --max-worker-rss SIZE     restart the worker (rolling) when its resident memory stays
                                        over SIZE (like 1g or 800m); off by default
              --max-worker-heap SIZE    the same for its heap in use after collection
              --memory-sustain SECONDS  how long memory must stay over the limit (default 60)""";

    public SupervisorOptions {
        supervisorArgs = List.copyOf(supervisorArgs);
        workerArgs = List.copyOf(workerArgs);
    }

    /** Parses the supervisor's options out of {@code args}; a {@code --} is skipped. */
    public static SupervisorOptions parse(List<String> args) {
        long maxRss = 0;
        long maxHeap = 0;
        Duration sustain = WatchdogSettings.defaults().memorySustain();
        List<String> supervisorArgs = new ArrayList<>();
        List<String> workerArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--" -> { }
                case "--max-worker-rss", "--max-worker-heap", "--memory-sustain" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args.get(++i);
                    supervisorArgs.addAll(List.of(arg, value));
                    switch (arg) {
                        case "--max-worker-rss" -> maxRss = Sizes.parse(value);
                        case "--max-worker-heap" -> maxHeap = Sizes.parse(value);
                        default -> sustain = Duration.ofSeconds(seconds(value));
                    }
                }
                default -> workerArgs.add(arg);
            }
        }
        WatchdogSettings settings = WatchdogSettings.defaults().withMemoryLimits(maxRss, maxHeap, sustain);
        return new SupervisorOptions(settings, supervisorArgs, workerArgs);
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1) {
                throw new IllegalArgumentException("--memory-sustain must be at least 1 second, got " + value);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--memory-sustain must be a number of seconds, got " + value, e);
        }
    }

    /** The supervisor process's arguments: its options, then {@code --} and the worker's. */
    public List<String> processArguments(List<String> normalizedWorkerArgs) {
        List<String> arguments = new ArrayList<>(supervisorArgs);
        arguments.add("--");
        arguments.addAll(normalizedWorkerArgs);
        return arguments;
    }
}
