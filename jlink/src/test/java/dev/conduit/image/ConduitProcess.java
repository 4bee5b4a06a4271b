package dev.conduit.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime image's {@code bin/conduit} run as a user would: a real process with its own home
 * folder and no provider keys in its environment, its output collected line by line.
 */
final class ConduitProcess implements AutoCloseable {

    static final Path IMAGE = Path.of(System.getProperty("conduit.image", "target/conduit"));

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final List<String> PROVIDER_VARIABLES = List.of("OPENAI_API_KEY", "OPENROUTER_API_KEY",
            "DEEPSEEK_API_KEY", "GROQ_API_KEY", "GEMINI_API_KEY", "ANTHROPIC_API_KEY", "OLLAMA_HOST",
            "CONDUIT_CONFIG", "CONDUIT_HOME", "JAVA_OPTS", "CONDUIT_JAVA_OPTS");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ConduitProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process is gone; what it wrote is kept
            }
        });
    }

    static ConduitProcess start(Path home, Map<String, String> extraEnvironment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(IMAGE.resolve("bin/conduit").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        PROVIDER_VARIABLES.forEach(environment::remove);
        environment.put("HOME", home.toString());
        environment.putAll(extraEnvironment);
        return new ConduitProcess(builder.start());
    }

    /** Runs {@code conduit args…} with its home as {@code CONDUIT_HOME} to its end (two minutes at most), as a user's command. */
    static ConduitProcess runToEnd(Path home, String... arguments) throws IOException, InterruptedException {
        ConduitProcess command = start(home, Map.of("CONDUIT_HOME", home.toString()), arguments);
        command.waitForExit(Duration.ofSeconds(120));
        return command;
    }

    /** Runs a command to its end and returns its exit code; the output stays readable. */
    int waitForExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("conduit did not exit within " + deadline + "; it wrote:\n" + output());
        }
        waitForOutputToDrain();
        return process.exitValue();
    }

    /** Waits for the banner and returns the port it names. */
    int awaitListening(Duration deadline) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            for (String line : lines) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive()) {
                process.waitFor();
                waitForOutputToDrain();
                throw new AssertionError("conduit exited with " + process.exitValue() + " before listening:\n" + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("conduit did not listen within " + deadline + "; it wrote:\n" + output());
    }

    /** The reader ends when the process has exited and its last output is read. */
    /** Waits until a line containing {@code text} was written. */
    void awaitLine(String text, Duration deadline) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (lines.stream().noneMatch(line -> line.contains(text))) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("conduit wrote no line containing \"" + text + "\" within " + deadline
                        + "; it wrote:\n" + output());
            }
            Thread.sleep(10);
        }
    }

    private void waitForOutputToDrain() throws InterruptedException {
        if (!reader.join(Duration.ofSeconds(5))) {
            throw new AssertionError("conduit's output did not end within 5 s of its exit");
        }
    }

    String output() {
        return String.join("\n", lines);
    }

    Process process() {
        return process;
    }

    /** SIGTERM, as an init system sends it; unlike {@link Process#destroy()} it leaves the output readable. */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("conduit did not stop within 15 s of SIGTERM");
        }
    }
}
