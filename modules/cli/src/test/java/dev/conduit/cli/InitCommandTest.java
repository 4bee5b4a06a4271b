package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conduit init} as a user runs it: processes, the Conduit home and claude-code-router's folder in a temp home. */
class InitCommandTest {

    @TempDir
    Path home;

    private ConduitCommand conduit;
    private Path config;
    private Path ccr;

    @BeforeEach
    void paths() {
        conduit = new ConduitCommand(home);
        config = home.resolve("config.json"); // CONDUIT_HOME is the temp home
        ccr = home.resolve(".claude-code-router").resolve("config.json");
    }

    private ConduitConfig load() throws Exception {
        return new ConfigLoader(Map.of(), home).load(Optional.of(config));
    }

    private String mode() throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(config));
    }

    @Test
    void everyStarterLoadsAndNamesItsKeyVariableNeverAKey() throws Exception {
        for (StarterConfig starter : StarterConfig.PROVIDERS) {
            ConduitCommand.Result result = conduit.run("init", "--provider", starter.provider(), "--force");

            assertThat(result.exitCode()).as(starter.provider() + ": " + result.err()).isZero();
            assertThat(result.out()).startsWith("Wrote " + config)
                    .contains("\nRoutes: default → " + starter.defaultTarget() + ";").doesNotContain("note:");
            ConduitConfig loaded = load();
            assertThat(loaded.router().defaultRoute().orElseThrow().toString()).isEqualTo(starter.defaultTarget());
            assertThat(loaded.provider(starter.provider())).isPresent();
            assertThat(mode()).isEqualTo("rw-------");
            starter.variable().ifPresent(variable -> {
                assertThat(result.out()).contains("Set " + variable + " (your " + starter.provider()
                        + " API key) in your shell, or put " + variable + "=... in " + home.resolve(".env"));
                assertThat(configText()).contains("\"api_key\": \"$" + variable + "\"");
            });
        }
    }

    @Test
    void aModelOfOnesOwnBecomesTheDefaultRoute() throws Exception {
        ConduitCommand.Result result = conduit.run(Map.of("DEEPSEEK_API_KEY", "sk-test"), "",
                "init", "--provider", "deepseek", "--model", "deepseek-v4");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Routes: default → deepseek,deepseek-v4;")
                .contains("$DEEPSEEK_API_KEY is set in this shell; Conduit reads the key from it");
        assertThat(configText()).doesNotContain("sk-test");
        assertThat(load().router().think().orElseThrow().toString()).isEqualTo("deepseek,deepseek-reasoner");
        assertThat(conduit.run("model").out()).containsPattern("\n  default +deepseek,deepseek-v4 ");
    }

    @Test
    void anExistingConfigIsReplacedOnlyWithForceAndKept() throws Exception {
        Files.writeString(config, "{PORT: 4000}\n");

        ConduitCommand.Result refused = conduit.run("init", "--provider", "openai");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("conduit init: " + config + " exists already; conduit init --force"
                + " replaces it (keeping it as config.json.bak)\n");
        assertThat(Files.readString(config)).isEqualTo("{PORT: 4000}\n");

        ConduitCommand.Result forced = conduit.run("init", "--provider", "openai", "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).startsWith("Wrote " + config + " (the previous one is kept as " + config + ".bak)\n");
        assertThat(Files.readString(home.resolve("config.json.bak"))).isEqualTo("{PORT: 4000}\n");
        assertThat(load().provider("openai")).isPresent();
    }

    @Test
    void importsClaudeCodeRoutersConfigShowingWhatItChanges() throws Exception {
        Files.createDirectories(ccr.getParent());
        String original = """
                {
                  "LOG": true,
                  "CUSTOM_ROUTER_PATH": "/home/me/.claude-code-router/router.js", // my router
                  "Providers": [
                    {"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions",
                     "api_key": "sk-literal", "models": ["deepseek-chat"]}
                  ],
                  "transformers": [{"path": "/home/me/plugin.js"}],
                  "Router": {"default": "deepseek,deepseek-chat"}
                }
                """;
        Files.writeString(ccr, original);

        ConduitCommand.Result result = conduit.run("init", "--from-ccr");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Importing " + ccr + "; what Conduit changes:\n"
                        + "  + // Imported from " + ccr + " by conduit init\n"
                        + "    {\n"
                        + "      \"LOG\": true,\n"
                        + "  -   \"CUSTOM_ROUTER_PATH\": \"/home/me/.claude-code-router/router.js\", // my router\n"
                        + "      \"Providers\": [\n"
                        + "  …\n"
                        + "      ],\n"
                        + "  -   \"transformers\": [{\"path\": \"/home/me/plugin.js\"}],\n"
                        + "      \"Router\": {\"default\": \"deepseek,deepseek-chat\"}\n")
                .contains("  left out CUSTOM_ROUTER_PATH: a JavaScript router cannot run in Conduit")
                .contains("  left out transformers: JavaScript transformer plugins cannot run in Conduit")
                .contains("Wrote " + config + "\n")
                .endsWith(ccr + " stays as it was; Conduit reads " + config + " from now on\n");
        assertThat(Files.readString(ccr)).isEqualTo(original);
        assertThat(mode()).as("it holds a literal key").isEqualTo("rw-------");
        assertThat(load().warnings()).isEmpty();
        assertThat(load().provider("deepseek").orElseThrow().apiKeys().getFirst().reveal()).isEqualTo("sk-literal");
    }

    @Test
    void withoutATerminalItNeedsToBeToldWhatToWrite() throws Exception {
        ConduitCommand.Result nothing = conduit.run("init");
        Files.createDirectories(ccr.getParent());
        Files.writeString(ccr, "{}");
        ConduitCommand.Result offered = conduit.run("init");
        ConduitCommand.Result unknown = conduit.run("init", "--provider", "acme");

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).isEqualTo("conduit init: name a provider with --provider NAME (openrouter, deepseek,"
                + " openai, gemini, groq, anthropic, ollama)\n");
        assertThat(offered.err()).contains(", or import " + ccr + " with --from-ccr\n");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("conduit init: no starter for provider \"acme\"; choose one of openrouter,");
        assertThat(config).doesNotExist();
    }

    @Test
    void inATerminalItAsksWhichProvider() throws Exception {
        Process terminal = PseudoTerminal.run(conduit.builder(Map.of(), "init"), "7\n");
        int exit = PseudoTerminal.await(terminal);

        assertThat(exit).as(conduit.output()).isZero();
        assertThat(conduit.output().replace("\r\n", "\n")).contains("Which provider do you use?\n")
                .contains("\n  7) ollama      local, no key\nProvider [1-7]: Wrote " + config + "\n");
        assertThat(load().router().defaultRoute().orElseThrow().toString()).isEqualTo("ollama,qwen2.5-coder:latest");
    }

    @Test
    void inATerminalItOffersTheImport() throws Exception {
        Files.createDirectories(ccr.getParent());
        Files.writeString(ccr, "{\"PORT\": 4100}\n");

        Process terminal = PseudoTerminal.run(conduit.builder(Map.of(), "init"), "\n");
        int exit = PseudoTerminal.await(terminal);

        assertThat(exit).as(conduit.output()).isZero();
        assertThat(conduit.output()).contains("Import claude-code-router's config " + ccr + "? [Y/n]")
                .contains("Wrote " + config);
        assertThat(load().port()).isEqualTo(4100);
    }

    private String configText() {
        try {
            return Files.readString(config);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
