package dev.conduit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI, pointed at the runtime image with {@code ANTHROPIC_BASE_URL}, answers
 * through an OpenAI-compatible provider. CI installs the CLI from npm; without it this test is
 * skipped, and says so.
 */
class ClaudeCodeIT {

    @TempDir
    Path home;

    @Test
    void claudePrintModeAnswersThroughConduit() throws Exception {
        assumeTrue(claudeIsInstalled(), "the claude CLI is not installed (npm install -g @anthropic-ai/claude-code)");
        try (MockUpstream upstream = new MockUpstream()) {
            for (int i = 0; i < 5; i++) {
                upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Hi! Conduit relayed this answer.", 12000, 9)));
            }
            Path config = home.resolve("config.json");
            Files.writeString(config, """
                    {Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model']}],
                     Router: {default: 'mock,mock-model'}}""".formatted(upstream.chatCompletionsUrl()));
            try (ConduitProcess conduit = ConduitProcess.start(home, Map.of(), "run", "--config", config.toString(), "--port", "0")) {
                int port = conduit.awaitListening(Duration.ofSeconds(30));

                Process claude = claude(port, "hi");
                String output = new String(claude.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(claude.waitFor(90, TimeUnit.SECONDS)).as("claude exits").isTrue();

                assertThat(claude.exitValue()).as("claude's exit code; it wrote: %s", output).isZero();
                assertThat(output).contains("Hi! Conduit relayed this answer.");
                RecordedRequest turn = upstream.takeRequest(5, TimeUnit.SECONDS);
                assertThat(turn.body().get("stream").booleanValue()).isTrue();
                assertThat(turn.body().get("messages").get(0).get("role").stringValue()).isEqualTo("system");
                assertThat(turn.body().get("tools").size()).isGreaterThan(5);
            }
        }
    }

    private Process claude(int port, String prompt) throws IOException {
        Path claudeHome = Files.createDirectories(home.resolve("claude-home"));
        ProcessBuilder builder = new ProcessBuilder("claude", "-p", prompt)
                .directory(claudeHome.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE"));
        environment.put("HOME", claudeHome.toString());
        environment.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port);
        environment.put("ANTHROPIC_AUTH_TOKEN", "conduit-test");
        environment.put("DISABLE_TELEMETRY", "1");
        environment.put("DISABLE_AUTOUPDATER", "1");
        environment.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        return builder.start();
    }

    private static boolean claudeIsInstalled() {
        try {
            Process version = new ProcessBuilder(List.of("claude", "--version")).redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }
}
