package dev.conduit.config;

import dev.conduit.config.internal.TransformersSection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One entry of {@code Providers}.
 *
 * @param name the provider's name as routes refer to it
 * @param apiBaseUrl the full endpoint URL, used as-is (claude-code-router semantics)
 * @param apiKeys the keys, in order; empty for local servers that need none
 * @param models the models the provider offers, as configured
 * @param transformer the {@code transformer} object as written, or null
 * @param timeouts the limits for this provider: its own {@code *_timeout_ms} keys over the
 *     global ones
 * @param probeInterval {@code probe_interval_ms}: how often to check the provider with a free
 *     request (its model list); empty: health comes from live traffic only
 * @param type the API the provider speaks, when its {@code "type"} key names it
 * @param transformers the {@code transformer} object, validated
 */
public record ProviderConfig(
        String name, URI apiBaseUrl, List<Secret> apiKeys, List<String> models, JsonNode transformer,
        UpstreamTimeouts timeouts, Optional<Duration> probeInterval, Optional<ProviderType> type,
        TransformerSettings transformers) {

    public ProviderConfig {
        apiKeys = List.copyOf(apiKeys);
        models = List.copyOf(models);
    }

    /**
     * A provider without an explicit type; its transformers are read from {@code transformer},
     * leaving out entries that are not valid.
     */
    public ProviderConfig(String name, URI apiBaseUrl, List<Secret> apiKeys, List<String> models, JsonNode transformer,
            UpstreamTimeouts timeouts, Optional<Duration> probeInterval) {
        this(name, apiBaseUrl, apiKeys, models, transformer, timeouts, probeInterval, Optional.empty(),
                TransformersSection.lenient(transformer));
    }

    /** A provider with the default timeouts. */
    public ProviderConfig(String name, URI apiBaseUrl, List<Secret> apiKeys, List<String> models, JsonNode transformer) {
        this(name, apiBaseUrl, apiKeys, models, transformer, UpstreamTimeouts.DEFAULTS, Optional.empty());
    }

    /**
     * Leaves out what may carry credentials: the URL's query (some write {@code ?key=…}) and the
     * transformer options.
     */
    @Override
    public String toString() {
        String url = apiBaseUrl.getRawQuery() == null ? apiBaseUrl.toString()
                : apiBaseUrl.toString().substring(0, apiBaseUrl.toString().indexOf('?')) + "?…";
        return "ProviderConfig[name=" + name + ", apiBaseUrl=" + url + ", apiKeys=" + apiKeys.size()
                + ", models=" + models + "]";
    }
}
