package dev.conduit.config.internal;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.OllamaProbe;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration when there is no file: one provider per well-known API key variable that is
 * set, plus a local Ollama when one answers, and a default route to the first of them.
 */
public final class EnvironmentDefaults {

    private record KnownProvider(String variable, String name, String url, List<String> models) {
    }

    private static final List<KnownProvider> KNOWN = List.of(
            new KnownProvider("OPENAI_API_KEY", "openai", "https://api.openai.com/v1/chat/completions",
                    List.of("gpt-5", "gpt-5-mini")),
            new KnownProvider("OPENROUTER_API_KEY", "openrouter", "https://openrouter.ai/api/v1/chat/completions",
                    List.of("anthropic/claude-sonnet-4.5")),
            new KnownProvider("DEEPSEEK_API_KEY", "deepseek", "https://api.deepseek.com/chat/completions",
                    List.of("deepseek-chat", "deepseek-reasoner")),
            new KnownProvider("GROQ_API_KEY", "groq", "https://api.groq.com/openai/v1/chat/completions",
                    List.of("openai/gpt-oss-120b")),
            new KnownProvider("GEMINI_API_KEY", "gemini",
                    "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions",
                    List.of("gemini-2.5-flash", "gemini-2.5-pro")),
            // Anthropic's own Messages API, so requests from Anthropic clients pass through unchanged
            new KnownProvider("ANTHROPIC_API_KEY", "anthropic", "https://api.anthropic.com/v1/messages",
                    List.of("claude-sonnet-4-5")));

    private static final URI DEFAULT_OLLAMA = URI.create("http://127.0.0.1:11434");
    private static final int OLLAMA_PORT = 11434;
    private static final RouteTarget DEEPSEEK_THINK = new RouteTarget("deepseek", "deepseek-reasoner");

    private final Map<String, String> environment;
    private final OllamaProbe ollamaProbe;

    public EnvironmentDefaults(Map<String, String> environment, OllamaProbe ollamaProbe) {
        this.environment = environment;
        this.ollamaProbe = ollamaProbe;
    }

    public ConduitConfig build() {
        List<ProviderConfig> providers = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (KnownProvider known : KNOWN) {
            String key = environment.getOrDefault(known.variable(), "").strip();
            if (!key.isEmpty()) {
                providers.add(new ProviderConfig(known.name(), URI.create(known.url()), List.of(new Secret(key)),
                        known.models(), null));
                used.add(known.variable());
            }
        }
        Optional<URI> ollama = ollamaBase(environment.get("OLLAMA_HOST"));
        if (ollama.isEmpty()) {
            warnings.add("OLLAMA_HOST is neither host:port nor an http URL, so no local Ollama was looked for");
        }
        ollama.flatMap(base -> ollamaProbe.models(base).map(models -> new ProviderConfig("ollama",
                        URI.create(base + "/v1/chat/completions"), List.of(), models, null)))
                .ifPresent(provider -> {
                    providers.add(provider);
                    used.add("ollama at " + ollama.get());
                });
        return new ConduitConfig(providers, router(providers), Optional.empty(), ConduitConfig.DEFAULT_HOST,
                ConduitConfig.DEFAULT_PORT, false, "info", ConduitConfig.DEFAULT_API_TIMEOUT, Optional.empty(),
                false, new ConfigSource.Environment(used), warnings);
    }

    private static RouterConfig router(List<ProviderConfig> providers) {
        Optional<RouteTarget> first = providers.stream()
                .filter(provider -> !provider.models().isEmpty())
                .findFirst()
                .map(provider -> new RouteTarget(provider.name(), provider.models().getFirst()));
        Optional<RouteTarget> think = first.filter(target -> target.provider().equals(DEEPSEEK_THINK.provider()))
                .map(target -> DEEPSEEK_THINK);
        RouterConfig empty = RouterConfig.empty();
        return new RouterConfig(first.map(Route.Single::new), empty.background(), think.map(Route.Single::new),
                empty.longContext(), empty.longContextThreshold(), empty.webSearch(), empty.image(), List.of(), Map.of());
    }

    /**
     * Reads {@code OLLAMA_HOST} the way Ollama does: {@code host}, {@code host:port} or a URL;
     * without a scheme it is http and the port defaults to 11434.
     */
    static Optional<URI> ollamaBase(String setting) {
        String text = setting == null ? "" : setting.strip();
        if (text.isEmpty()) {
            return Optional.of(DEFAULT_OLLAMA);
        }
        boolean schemeGiven = text.contains("://");
        try {
            URI uri = new URI(schemeGiven ? text : "http://" + text);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 || schemeGiven ? uri.getPort() : OLLAMA_PORT;
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return Optional.of(new URI(scheme, null, uri.getHost(), port, path, null, null));
        } catch (URISyntaxException unreadable) {
            return Optional.empty();
        }
    }
}
