package dev.conduit.providers;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Secret;
import dev.conduit.providers.anthropic.AnthropicAdapter;
import dev.conduit.providers.gemini.GeminiAdapter;
import dev.conduit.providers.openai.OpenAiCompatibleAdapter;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Pacing;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamClient;
import dev.conduit.providers.upstream.UpstreamResources;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The adapters of all configured providers. Each provider has its own HTTP client (its limits,
 * its connection pool); they share threads, timer and buffers.
 */
public final class Providers implements AutoCloseable {

    private final UpstreamResources resources;
    private final Map<String, UpstreamClient> clients;
    private final Map<String, ProviderAdapter> adapters;

    private Providers(UpstreamResources resources, Map<String, UpstreamClient> clients, Map<String, ProviderAdapter> adapters) {
        this.resources = resources;
        this.clients = clients;
        this.adapters = adapters;
    }

    public static Providers create(ConduitConfig config, String userAgent) {
        Optional<URI> proxy = config.proxyUrl().map(URI::create);
        UpstreamResources resources = new UpstreamResources(config.security().denyPrivateUpstreams(),
                proxy.map(URI::getHost));
        Redactor redactor = new Redactor(allKeys(config));
        KeepAlive keepAlive = new KeepAlive(config.pingInterval());
        Pacing pacing = Pacing.forPingInterval(config.pingInterval());
        Map<String, UpstreamClient> clients = new LinkedHashMap<>();
        Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
        for (ProviderConfig provider : config.providers()) {
            UpstreamClient client = new UpstreamClient(provider.timeouts(), proxy, userAgent, resources, pacing);
            resources.prepareTls(provider.apiBaseUrl());
            clients.put(key(provider.name()), client);
            adapters.put(key(provider.name()), adapter(provider, client, redactor, keepAlive));
        }
        return new Providers(resources, clients, adapters);
    }

    /** The adapter for the API the provider speaks: Gemini's, Anthropic's, or else OpenAI's. */
    private static ProviderAdapter adapter(ProviderConfig provider, UpstreamClient client, Redactor redactor,
            KeepAlive keepAlive) {
        if (GeminiAdapter.handles(provider)) {
            return new GeminiAdapter(provider, client, redactor, keepAlive);
        }
        if (AnthropicAdapter.handles(provider)) {
            return new AnthropicAdapter(provider, client, redactor, keepAlive);
        }
        return new OpenAiCompatibleAdapter(provider, client, redactor, keepAlive);
    }

    private static List<Secret> allKeys(ConduitConfig config) {
        List<Secret> keys = new ArrayList<>();
        config.providers().forEach(provider -> keys.addAll(provider.apiKeys()));
        config.apiKey().ifPresent(keys::add);
        return keys;
    }

    /** The adapter of a provider, matched case-insensitively. */
    public Optional<ProviderAdapter> adapter(String providerName) {
        return Optional.ofNullable(adapters.get(key(providerName)));
    }

    /** Every provider's connection pool, in config order. */
    public List<UpstreamPool> pools() {
        List<UpstreamPool> pools = new ArrayList<>(clients.size());
        clients.forEach((name, client) -> {
            UpstreamClient.PoolUsage usage = client.poolUsage();
            pools.add(new UpstreamPool(adapters.get(name).name(), usage.active(), usage.idle(), usage.queued()));
        });
        return pools;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        clients.values().forEach(UpstreamClient::close);
        resources.close();
    }
}
