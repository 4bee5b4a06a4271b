package dev.conduit.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code conduit run} (and of the worker the supervisor starts): {@code --config
 * FILE}, {@code --host H}, {@code --port N}; each overrides the config file. The supervisor adds
 * {@code --supervised SOCKET}, its control socket, and {@code --successor} when another of its
 * workers may still hold the port; users never type them.
 *
 * @param supervisor the supervisor's control socket when a supervisor runs this worker
 * @param successor the port may be held by this worker's predecessor, which it is to replace
 */
public record WorkerOptions(Optional<Path> config, Optional<String> host, Optional<Integer> port,
        Optional<Path> supervisor, boolean successor) {

    public static final String USAGE = """
            Options:
              --config FILE   the config file (default: $CONDUIT_CONFIG, ~/.conduit/config.json,
                              then ~/.claude-code-router/config.json)
              --host HOST     the address to listen on (default: HOST from the config, or 127.0.0.1)
              --port PORT     the port to listen on (default: PORT from the config, or 3456)""";

    public static WorkerOptions parse(String... args) throws UsageException {
        Optional<Path> config = Optional.empty();
        Optional<String> host = Optional.empty();
        Optional<Integer> port = Optional.empty();
        Optional<Path> supervisor = Optional.empty();
        boolean successor = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--config" -> config = Optional.of(Path.of(value != null ? value : next(args, ++i, name)));
                case "--host" -> host = Optional.of(value != null ? value : next(args, ++i, name));
                case "--port" -> port = Optional.of(port(value != null ? value : next(args, ++i, name)));
                case "--supervised" -> supervisor = Optional.of(Path.of(value != null ? value : next(args, ++i, name)));
                case "--successor" -> successor = true;
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        return new WorkerOptions(config, host, port, supervisor, successor);
    }

    /** These options as {@code conduit run} arguments (without the supervisor's), config path absolute. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        config.ifPresent(file -> arguments.addAll(List.of("--config", file.toAbsolutePath().toString())));
        host.ifPresent(name -> arguments.addAll(List.of("--host", name)));
        port.ifPresent(number -> arguments.addAll(List.of("--port", number.toString())));
        return arguments;
    }

    private static String next(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be between 0 and 65535, got " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number, got " + text);
        }
    }
}
