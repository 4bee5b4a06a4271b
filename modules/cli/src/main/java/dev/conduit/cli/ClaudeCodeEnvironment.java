package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The environment that points Claude Code at Conduit, as claude-code-router's {@code ccr code}
 * and {@code ccr activate} set it: the gateway's address, a token it accepts, no Anthropic key
 * of the user's own, no proxy for loopback, and Claude Code's telemetry and cost warnings off.
 *
 * @param variables what to set, in the order they are printed
 * @param unset what to remove ({@code CLAUDE_CODE_USE_BEDROCK} would send Claude Code to Bedrock)
 */
record ClaudeCodeEnvironment(SequencedMap<String, String> variables, List<String> unset) {

    /** The token Claude Code sends when the config has no {@code APIKEY}; Conduit ignores it then. */
    static final String PLACEHOLDER_TOKEN = "conduit";

    static ClaudeCodeEnvironment of(ConduitConfig config) {
        SequencedMap<String, String> variables = new LinkedHashMap<>();
        variables.put("ANTHROPIC_BASE_URL", baseUrl(config));
        variables.put("ANTHROPIC_AUTH_TOKEN", config.apiKey().map(Secret::reveal).orElse(PLACEHOLDER_TOKEN));
        variables.put("ANTHROPIC_API_KEY", "");
        variables.put("NO_PROXY", "127.0.0.1,localhost");
        variables.put("DISABLE_TELEMETRY", "1");
        variables.put("DISABLE_COST_WARNINGS", "1");
        variables.put("API_TIMEOUT_MS", Long.toString(config.apiTimeout().toMillis()));
        return new ClaudeCodeEnvironment(variables, List.of("CLAUDE_CODE_USE_BEDROCK"));
    }

    /**
     * What claude-code-router adds with {@code NON_INTERACTIVE_MODE}, so Claude Code behaves in
     * automation (no colours, no readline, no prompts).
     */
    static Map<String, String> nonInteractive() {
        return Map.of("CI", "true", "FORCE_COLOR", "0", "NODE_NO_READLINE", "1", "TERM", "dumb");
    }

    /** Conduit's address as a client on this machine reaches it: a wildcard listener on loopback. */
    private static String baseUrl(ConduitConfig config) {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = ConduitConfig.DEFAULT_HOST;
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port();
    }
}
