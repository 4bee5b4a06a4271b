package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval "$(conduit activate)"} as a user types it: the output is run by a real shell. */
class ActivateCommandTest {

    /** Quotes, a backtick, a semicolon and spaces: a shell must take none of them as syntax. */
    private static final String AWKWARD_KEY = "it's a `key`; \"quoted\" & more";

    @TempDir
    Path home;

    private final InProcessConduit conduit = InProcessConduit.homedAt(() -> home);

    /** Runs {@code eval "$lines"} in sh, with CLAUDE_CODE_USE_BEDROCK set beforehand, and returns the environment after. */
    private static Map<String, String> evaluatedInSh(String lines) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "eval \"$1\" && env -0", "sh", lines);
        builder.environment().put("CLAUDE_CODE_USE_BEDROCK", "1");
        builder.environment().put("ANTHROPIC_API_KEY", "sk-ant-users-own");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process shell = builder.start();
        byte[] printed = shell.getInputStream().readAllBytes();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).isZero();
        Map<String, String> environment = new HashMap<>();
        for (String entry : new String(printed, StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    @Test
    void withTheConfigsListenerKeyAndTimeoutTheShellGetsThemVerbatim() throws Exception {
        Files.writeString(home.resolve("config.json"), """
                {HOST: '0.0.0.0', PORT: 4567, API_TIMEOUT_MS: 120000, APIKEY: %s,
                 Providers: [{name: 'p', api_base_url: 'http://127.0.0.1:9/v1/chat/completions', api_key: 'sk-p', models: ['m']}],
                 Router: {default: 'p,m'}}""".formatted(quotedJson5(AWKWARD_KEY)));

        assertThat(conduit.run("activate")).as(conduit.err()).isZero();
        Map<String, String> environment = evaluatedInSh(conduit.out());

        assertThat(environment).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:4567")
                .containsEntry("ANTHROPIC_AUTH_TOKEN", AWKWARD_KEY)
                .containsEntry("ANTHROPIC_API_KEY", "")
                .containsEntry("NO_PROXY", "127.0.0.1,localhost")
                .containsEntry("DISABLE_TELEMETRY", "1")
                .containsEntry("DISABLE_COST_WARNINGS", "1")
                .containsEntry("API_TIMEOUT_MS", "120000")
                .doesNotContainKey("CLAUDE_CODE_USE_BEDROCK");
    }

    @Test
    void withoutAConfigFileItPointsAtTheDefaultAddressWithAPlaceholderToken() throws Exception {
        assertThat(conduit.run("activate", "--shell", "sh")).as(conduit.err()).isZero();
        Map<String, String> environment = evaluatedInSh(conduit.out());

        assertThat(environment).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:3456")
                .containsEntry("ANTHROPIC_AUTH_TOKEN", "conduit")
                .containsEntry("API_TIMEOUT_MS", "600000");
    }

    @Test
    void powerShellGetsVerbatimStringsWithQuotesDoubled() throws Exception {
        Files.writeString(home.resolve("config.json"), """
                {APIKEY: %s, Providers: [], Router: {}}""".formatted(quotedJson5("it's ‘curly’")));

        assertThat(conduit.run("activate", "--shell", "powershell")).as(conduit.err()).isZero();

        assertThat(conduit.out().lines().toList()).containsExactly(
                "$env:ANTHROPIC_BASE_URL = 'http://127.0.0.1:3456'",
                "$env:ANTHROPIC_AUTH_TOKEN = 'it''s ‘‘curly’’'",
                "$env:ANTHROPIC_API_KEY = ''",
                "$env:NO_PROXY = '127.0.0.1,localhost'",
                "$env:DISABLE_TELEMETRY = '1'",
                "$env:DISABLE_COST_WARNINGS = '1'",
                "$env:API_TIMEOUT_MS = '600000'",
                "Remove-Item Env:CLAUDE_CODE_USE_BEDROCK -ErrorAction SilentlyContinue");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertThat(conduit.run("activate", "--shell", "fish")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit activate: unknown shell fish (sh or powershell)\n");
        assertThat(conduit.out()).isEmpty();
    }

    @Test
    void aConfigWithErrorsPrintsNothingToEvaluate() throws Exception {
        Files.writeString(home.resolve("config.json"), "{PORT: 'many'}");

        assertThat(conduit.run("activate")).isEqualTo(1);
        assertThat(conduit.err()).startsWith(home.resolve("config.json") + ":1:");
        assertThat(conduit.out()).isEmpty();
    }

    private static String quotedJson5(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
