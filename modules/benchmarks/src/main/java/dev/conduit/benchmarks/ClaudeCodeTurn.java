package dev.conduit.benchmarks;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.protocol.Json;
import dev.conduit.server.routing.ProjectRouterFiles;
import dev.conduit.testing.ClaudeCodeFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The benchmarks' inputs: a Claude Code request as sent, and configs around it. */
final class ClaudeCodeTurn {

    /**
     * A turn of about 2,200 tokens: {@code claude -p}'s system prompt and user message with the
     * Read tool, without the environment message and the other tools.
     */
    static final String TWO_K = "2k";
    /** {@code claude -p} as captured: system prompt, environment, 12 tools, about 10,600 tokens. */
    static final String PRINT = "print";
    /** The Claude Code session both requests belong to. */
    static final String SESSION = "54ceb5aa-4743-4330-ad7f-728bb14976c8";

    private static final Set<String> TWO_K_TOOLS = Set.of("Read");

    private ClaudeCodeTurn() {}

    /** The request body's bytes, as the client sends them. */
    static byte[] body(String name) {
        JsonNode body = switch (name) {
            case TWO_K -> {
                ObjectNode trimmed = (ObjectNode) ClaudeCodeFixtures.body(ClaudeCodeFixtures.PRINT).deepCopy();
                trimmed.withArray("tools").removeIf(tool -> !TWO_K_TOOLS.contains(tool.path("name").asString("")));
                trimmed.withArray("messages").removeIf(message -> message.path("role").asString("").equals("system"));
                yield trimmed;
            }
            case PRINT -> ClaudeCodeFixtures.body(ClaudeCodeFixtures.PRINT);
            default -> throw new IllegalArgumentException("no request named " + name);
        };
        return Json.MAPPER.writeValueAsBytes(body);
    }

    /**
     * Providers and routes as a claude-code-router user writes them; {@code longContext} with
     * its threshold when {@code threshold} is positive.
     */
    static ConduitConfig config(long threshold) throws ConfigException {
        String longContext = threshold > 0
                ? "longContext: 'openrouter,google/gemini-2.5-pro', longContextThreshold: " + threshold + ","
                : "";
        String text = """
                {Providers: [
                  {name: 'deepseek', api_base_url: 'https://api.deepseek.com/chat/completions', api_key: 'sk-bench',
                   models: ['deepseek-chat', 'deepseek-reasoner']},
                  {name: 'openrouter', api_base_url: 'https://openrouter.ai/api/v1/chat/completions', api_key: 'sk-bench',
                   models: ['google/gemini-2.5-pro', 'anthropic/claude-sonnet-4']},
                  {name: 'ollama', api_base_url: 'http://127.0.0.1:11434/v1/chat/completions', api_key: 'ollama',
                   models: ['qwen2.5-coder:latest']}],
                 Router: {default: 'deepseek,deepseek-chat', background: 'ollama,qwen2.5-coder:latest',
                   think: 'deepseek,deepseek-reasoner', %s
                   webSearch: 'openrouter,google/gemini-2.5-pro'}}""".formatted(longContext);
        Path file = Path.of("benchmark-config.json");
        return new ConfigLoader(Map.of(), Path.of("."))
                .parse(text, file, new ConfigSource.File(file, ConfigSource.Origin.COMMAND_LINE));
    }

    /**
     * claude-code-router's project and session files as the worker reads them, under a temporary
     * home where Claude Code's transcript of the request's session exists, as it does for every
     * Claude Code user, and no project sets a Router: the common case.
     */
    static ProjectRouterFiles projectFiles(ConduitConfig config, String sessionId) throws IOException {
        Path home = Files.createTempDirectory("conduit-benchmark-home");
        Path transcript = home.resolve(".claude/projects/-home-dev-app/" + sessionId + ".jsonl");
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, "{}\n");
        // deleted at exit in the reverse order of registration: the file, then its folders
        home.toFile().deleteOnExit();
        Path relative = home.relativize(transcript);
        for (int depth = 1; depth <= relative.getNameCount(); depth++) {
            home.resolve(relative.subpath(0, depth)).toFile().deleteOnExit();
        }
        return ProjectRouterFiles.forUser(home, config, new ConfigLoader(Map.of(), home));
    }
}
