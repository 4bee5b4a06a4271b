package dev.conduit.providers;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Secret;
import dev.conduit.providers.openai.OpenAiCompatibleAdapter;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamClient;
import dev.conduit.providers.upstream.UpstreamSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The adapters of all configured providers, sharing one upstream HTTP client. */
public final class Providers implements AutoCloseable {

    private final UpstreamClient client;
    private final Map<String, ProviderAdapter> adapters;

    private Providers(UpstreamClient client, Map<String, ProviderAdapter> adapters) {
        this.client = client;
        this.adapters = adapters;
    }

    public static Providers create(ConduitConfig config, String userAgent) {
        UpstreamSettings settings = new UpstreamSettings(
                UpstreamSettings.DEFAULT_CONNECT_TIMEOUT,
                UpstreamSettings.DEFAULT_IDLE_TIMEOUT,
                config.apiTimeout(),
                config.proxyUrl().map(URI::create));
        UpstreamClient client = new UpstreamClient(settings, userAgent);
        Redactor redactor = new Redactor(allKeys(config));
        Map<String, ProviderAdapter> adapters = new TreeMap<>();
        for (ProviderConfig provider : config.providers()) {
            adapters.put(key(provider.name()), new OpenAiCompatibleAdapter(provider, client, redactor));
        }
        return new Providers(client, adapters);
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

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        client.close();
    }
}
