package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.Worker;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerOptions;
import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals and {@code conduit code}: a fake {@code claude} records the signals it gets (SIGINT it
 * notes and lives on, SIGTERM it notes and exits 43), and {@code conduit code} must end with its
 * status. Sent to {@code conduit code} alone (no terminal, as from {@code kill} or a supervisor),
 * the signals must be passed on; Ctrl-C typed in a real pseudo-terminal reaches Claude Code from
 * the terminal, and must not be passed on a second time.
 */
class CodeSignalsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path home;

    private ConduitCommand conduit;
    private MockUpstream upstream;
    private Worker worker;
    private Path fakeClaude;
    private Process process;

    @BeforeEach
    void startAGatewayAndWriteAFakeClaude() throws Exception {
        conduit = new ConduitCommand(home);
        upstream = new MockUpstream();
        int port = LocalPorts.unused();
        Files.writeString(home.resolve("config.json"), """
                {PORT: %d, Providers: [{name: 'mock', api_base_url: '%s', models: ['m']}], Router: {default: 'mock,m'}}
                """.formatted(port, upstream.chatCompletionsUrl()));
        worker = Worker.start(WorkerOptions.parse("--config", home.resolve("config.json").toString()),
                new WorkerEnvironment(Map.of(), home));
        fakeClaude = home.resolve("fake-claude");
        Files.writeString(fakeClaude, """
                #!/bin/sh
                trap 'echo INT >> "%1$s/claude.signals"' INT
                trap 'echo HUP >> "%1$s/claude.signals"' HUP
                trap 'echo TERM >> "%1$s/claude.signals"; exit 43' TERM
                echo ready > "%1$s/claude.ready"
                i=0
                while [ "$i" -lt 1800 ]; do sleep 0.1; i=$((i + 1)); done
                exit 9
                """.formatted(home));
        Files.setPosixFilePermissions(fakeClaude, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        worker.stop();
        upstream.close();
    }

    @Test
    void signalsSentToConduitCodeAloneReachClaudeAndItsStatusIsConduitCodes() throws Exception {
        ProcessBuilder builder = conduit.builder(Map.of("CLAUDE_PATH", fakeClaude.toString()), "code");
        builder.command().addFirst("setsid"); // no terminal: nothing but this test signals it
        process = builder.start();
        awaitThat(() -> Files.exists(home.resolve("claude.ready")), "claude started");

        signal("INT", process.pid());
        awaitThat(() -> signals().equals(List.of("INT")), "claude got SIGINT");
        signal("HUP", process.pid());
        awaitThat(() -> signals().equals(List.of("INT", "HUP")), "claude got SIGHUP");
        assertThat(process.isAlive()).as("conduit code lives on while claude does").isTrue();
        process.destroy(); // SIGTERM

        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(conduit.output()).isEqualTo(43);
        assertThat(signals()).containsExactly("INT", "HUP", "TERM");
    }

    @Test
    void ctrlCInATerminalReachesClaudeOnce() throws Exception {
        ProcessBuilder builder = conduit.builder(Map.of("CLAUDE_PATH", fakeClaude.toString()), "code");
        String command = builder.command().stream().map(PseudoTerminal::quoted).collect(Collectors.joining(" "));
        builder.command(List.of("script", "-qec", "exec " + command, "/dev/null"));
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        process = builder.start();
        awaitThat(() -> Files.exists(home.resolve("claude.ready")), "claude started");
        ProcessHandle conduitCode = process.children().findFirst().orElseThrow();

        try (OutputStream terminal = process.getOutputStream()) {
            terminal.write("\u0003".getBytes(StandardCharsets.US_ASCII)); // Ctrl-C, typed
            terminal.flush();
            awaitThat(() -> signals().contains("INT"), "claude got Ctrl-C's SIGINT");
            conduitCode.destroy(); // SIGTERM to conduit code, passed on

            assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).as(conduit.output()).isEqualTo(43);
        assertThat(signals()).as("one Ctrl-C, one SIGINT").containsExactly("INT", "TERM");
    }

    private List<String> signals() {
        try {
            return Files.readAllLines(home.resolve("claude.signals"));
        } catch (IOException notYet) {
            return List.of();
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-s", name, Long.toString(pid)).start().waitFor()).isZero();
    }

    private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
