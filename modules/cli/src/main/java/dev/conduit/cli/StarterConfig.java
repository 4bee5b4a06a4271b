package dev.conduit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The config {@code conduit init} writes for one provider: its endpoint, its key as a
 * {@code $VARIABLE} (never the key itself), its models, and routes for the slots it suits.
 *
 * @param variable the environment variable the key is read from; empty for a local server
 * @param transformer the provider's transformer, when it needs one
 * @param models the models, the default one first
 * @param background the model for background requests, when the provider has a cheaper one
 * @param think the model for thinking requests, when the provider has one for it
 */
record StarterConfig(String provider, String url, Optional<String> variable, Optional<String> transformer,
        List<String> models, Optional<String> background, Optional<String> think) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The providers to choose from, the most asked-for first. */
    static final List<StarterConfig> PROVIDERS = List.of(
            new StarterConfig("openrouter", "https://openrouter.ai/api/v1/chat/completions",
                    Optional.of("OPENROUTER_API_KEY"), Optional.of("openrouter"),
                    List.of("anthropic/claude-sonnet-4.5", "anthropic/claude-haiku-4.5", "google/gemini-2.5-pro"),
                    Optional.of("anthropic/claude-haiku-4.5"), Optional.empty()),
            new StarterConfig("deepseek", "https://api.deepseek.com/chat/completions", Optional.of("DEEPSEEK_API_KEY"),
                    Optional.of("deepseek"), List.of("deepseek-chat", "deepseek-reasoner"), Optional.empty(),
                    Optional.of("deepseek-reasoner")),
            new StarterConfig("openai", "https://api.openai.com/v1/chat/completions", Optional.of("OPENAI_API_KEY"),
                    Optional.empty(), List.of("gpt-5", "gpt-5-mini"), Optional.of("gpt-5-mini"), Optional.empty()),
            new StarterConfig("gemini", "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions",
                    Optional.of("GEMINI_API_KEY"), Optional.empty(), List.of("gemini-2.5-pro", "gemini-2.5-flash"),
                    Optional.of("gemini-2.5-flash"), Optional.empty()),
            new StarterConfig("groq", "https://api.groq.com/openai/v1/chat/completions", Optional.of("GROQ_API_KEY"),
                    Optional.empty(), List.of("openai/gpt-oss-120b"), Optional.empty(), Optional.empty()),
            new StarterConfig("anthropic", "https://api.anthropic.com/v1/messages", Optional.of("ANTHROPIC_API_KEY"),
                    Optional.of("Anthropic"), List.of("claude-sonnet-4-5", "claude-haiku-4-5"),
                    Optional.of("claude-haiku-4-5"), Optional.empty()),
            new StarterConfig("ollama", "http://127.0.0.1:11434/v1/chat/completions", Optional.empty(),
                    Optional.empty(), List.of("qwen2.5-coder:latest"), Optional.empty(), Optional.empty()));

    StarterConfig {
        models = List.copyOf(models);
    }

    static Optional<StarterConfig> named(String name) {
        return PROVIDERS.stream().filter(starter -> starter.provider().equalsIgnoreCase(name.strip())).findFirst();
    }

    static String names() {
        return PROVIDERS.stream().map(StarterConfig::provider).collect(Collectors.joining(", "));
    }

    /** The same provider with {@code model} as the default route (and first of its models). */
    StarterConfig withDefaultModel(String model) {
        List<String> reordered = new ArrayList<>(List.of(model));
        models.stream().filter(known -> !known.equals(model)).forEach(reordered::add);
        return new StarterConfig(provider, url, variable, transformer, reordered, background, think);
    }

    /** The config file's text: JSON with comments, which Conduit reads as JSON5. */
    String text() {
        StringBuilder text = new StringBuilder("""
                // Conduit's config, written by conduit init; docs/CONFIG.md has every key.
                """);
        variable.ifPresent(name -> text.append("// The API key is read from $").append(name)
                .append(": set it in your shell, or in .env beside this file (").append(name).append("=...).\n"));
        text.append("{\n  \"PORT\": 3456,\n  \"Providers\": [\n    {\n");
        text.append("      \"name\": ").append(json(provider)).append(",\n");
        text.append("      \"api_base_url\": ").append(json(url)).append(",\n");
        variable.ifPresent(name -> text.append("      \"api_key\": ").append(json("$" + name)).append(",\n"));
        text.append("      \"models\": [").append(models.stream().map(StarterConfig::json)
                .collect(Collectors.joining(", "))).append("]");
        transformer.ifPresent(use -> text.append(",\n      \"transformer\": {\"use\": [").append(json(use)).append("]}"));
        text.append("\n    }\n  ],\n  \"Router\": {\n");
        List<String> routes = new ArrayList<>();
        routes.add(route("default", models.getFirst()));
        background.filter(models::contains).ifPresent(model -> routes.add(route("background", model)));
        think.filter(models::contains).ifPresent(model -> routes.add(route("think", model)));
        text.append(String.join(",\n", routes)).append("\n  }\n}\n");
        return text.toString();
    }

    /** The default route, {@code provider,model}. */
    String defaultTarget() {
        return provider + "," + models.getFirst();
    }

    private String route(String slot, String model) {
        return "    " + json(slot) + ": " + json(provider + "," + model);
    }

    private static String json(String value) {
        return JSON.writeValueAsString(value);
    }
}
