package dev.conduit.cli;

import dev.conduit.server.WorkerEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code conduit} command run inside the test's JVM ({@link Main#run}) with the environment
 * the test gives it, keeping what the last run printed. The environment is asked for at each run,
 * so a test can build this before JUnit has made its temporary folders.
 */
final class InProcessConduit {

    private final Supplier<WorkerEnvironment> environment;
    private String out = "";
    private String err = "";

    InProcessConduit(Supplier<WorkerEnvironment> environment) {
        this.environment = environment;
    }

    /** A command whose home (and {@code CONDUIT_HOME}) is the given folder, with no other variables. */
    static InProcessConduit homedAt(Supplier<Path> home) {
        return new InProcessConduit(() -> new WorkerEnvironment(Map.of("CONDUIT_HOME", home.get().toString()), home.get()));
    }

    /** Runs {@code conduit args…} and returns its exit code; {@link #out()} and {@link #err()} then hold what it printed. */
    int run(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), environment.get());
        out = outBytes.toString(StandardCharsets.UTF_8);
        err = errBytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    String out() {
        return out;
    }

    String err() {
        return err;
    }
}
