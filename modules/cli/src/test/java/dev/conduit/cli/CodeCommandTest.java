package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.Worker;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerOptions;
import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conduit code} as a user runs it, a process with a fake {@code claude} (a shell script that
 * records its environment, arguments and input, and exits with the status it is told).
 */
class CodeCommandTest {

    @TempDir
    Path home;

    private ConduitCommand conduit;
    private MockUpstream upstream;
    private Path fakeClaude;
    private int port;

    @BeforeEach
    void writeAConfigAndAFakeClaude() throws Exception {
        conduit = new ConduitCommand(home);
        upstream = new MockUpstream();
        port = LocalPorts.unused();
        fakeClaude = home.resolve("fake-claude");
        Files.writeString(fakeClaude, """
                #!/bin/sh
                env > '%1$s/claude.env'
                printf '%%s\\n' "$@" > '%1$s/claude.args'
                cat > '%1$s/claude.stdin'
                echo "fake claude ran"
                exit "${FAKE_CLAUDE_EXIT:-0}"
                """.formatted(home));
        Files.setPosixFilePermissions(fakeClaude, PosixFilePermissions.fromString("rwx------"));
        writeConfig("");
    }

    @AfterEach
    void stopEverything() throws Exception {
        conduit.killAll();
        upstream.close();
    }

    private void writeConfig(String moreKeys) throws IOException {
        Files.writeString(home.resolve("config.json"), """
                {PORT: %d, API_TIMEOUT_MS: 90000, %s
                 Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model']}],
                 Router: {default: 'mock,mock-model'}}""".formatted(port, moreKeys, upstream.chatCompletionsUrl()));
    }

    private ConduitCommand.Result code(int claudeExit, String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("code"));
        command.addAll(List.of(args));
        return conduit.run(Map.of("CLAUDE_PATH", fakeClaude.toString(), "FAKE_CLAUDE_EXIT", Integer.toString(claudeExit),
                "CLAUDE_CODE_USE_BEDROCK", "1"), input, command.toArray(String[]::new));
    }

    private Map<String, String> claudeEnvironment() throws IOException {
        Map<String, String> environment = new HashMap<>();
        for (String line : Files.readAllLines(home.resolve("claude.env"))) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                environment.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return environment;
    }

    private int aliveStatus() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alive")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void startsAGatewayRunsClaudeThroughItAndLeavesTheGatewayRunning() throws Exception {
        ConduitCommand.Result first = code(7, "piped input\n", "-p", "say hello", "--model", "x y");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(7);
        assertThat(first.err()).startsWith("Starting Conduit in the background (conduit stop ends it) …\n")
                .contains("Conduit is running on http://127.0.0.1:" + port);
        assertThat(first.out()).isEqualTo("fake claude ran\n");
        assertThat(Files.readAllLines(home.resolve("claude.args"))).containsExactly("-p", "say hello", "--model", "x y");
        assertThat(Files.readString(home.resolve("claude.stdin"))).isEqualTo("piped input\n");
        assertThat(claudeEnvironment()).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port)
                .containsEntry("ANTHROPIC_AUTH_TOKEN", "conduit")
                .containsEntry("ANTHROPIC_API_KEY", "")
                .containsEntry("NO_PROXY", "127.0.0.1,localhost")
                .containsEntry("DISABLE_TELEMETRY", "1")
                .containsEntry("DISABLE_COST_WARNINGS", "1")
                .containsEntry("API_TIMEOUT_MS", "90000")
                .doesNotContainKey("CLAUDE_CODE_USE_BEDROCK")
                .doesNotContainKey("CI");
        assertThat(aliveStatus()).as("the gateway it started serves on after claude exited").isEqualTo(200);

        ConduitCommand.Result second = code(0, "", "--continue");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).as("nothing is started the second time").isEmpty();
        assertThat(Files.readAllLines(home.resolve("claude.args"))).containsExactly("--continue");
        assertThat(aliveStatus()).isEqualTo(200);
        assertThat(conduit.run("stop").exitCode()).isZero();
    }

    @Test
    void aGatewayItFindsServingIsUsedAndNeverStoppedAndNonInteractiveModeClosesTheInput() throws Exception {
        writeConfig("NON_INTERACTIVE_MODE: true,");
        Worker worker = Worker.start(WorkerOptions.parse("--config", home.resolve("config.json").toString()),
                new WorkerEnvironment(Map.of(), home));
        try {
            ConduitCommand.Result result = code(0, "input nobody reads\n", "-p", "hi");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(Files.readString(home.resolve("claude.stdin"))).isEmpty();
            assertThat(claudeEnvironment()).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port)
                    .containsEntry("CI", "true").containsEntry("FORCE_COLOR", "0")
                    .containsEntry("NODE_NO_READLINE", "1").containsEntry("TERM", "dumb");
            assertThat(aliveStatus()).isEqualTo(200);
        } finally {
            worker.stop();
        }
    }

    @Test
    void aClaudeThatCannotRunIsExplained() throws Exception {
        Worker worker = Worker.start(WorkerOptions.parse("--config", home.resolve("config.json").toString()),
                new WorkerEnvironment(Map.of(), home));
        try {
            Path missing = home.resolve("no-such-claude");
            ConduitCommand.Result result = conduit.run(Map.of("CLAUDE_PATH", missing.toString()), "", "code", "-p", "hi");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("conduit code: cannot run " + missing + " (")
                    .endsWith("): install Claude Code (npm install -g @anthropic-ai/claude-code) or set CLAUDE_PATH\n");
            assertThat(aliveStatus()).isEqualTo(200);
        } finally {
            worker.stop();
        }
    }

    @Test
    void aGatewayThatCannotStartIsExplainedAndClaudeIsNotRun() throws Exception {
        try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            ConduitCommand.Result result = code(0, "", "-p", "hi");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("Starting Conduit in the background (conduit stop ends it) …\n")
                    .contains("conduit start: the worker").contains("its last lines:")
                    .endsWith("conduit code: Conduit did not start, so Claude Code was not run\n");
            assertThat(home.resolve("claude.args")).doesNotExist();
            assertThat(conduit.run("status").exitCode()).as("the failed start left nothing running").isEqualTo(3);
        }
    }
}
