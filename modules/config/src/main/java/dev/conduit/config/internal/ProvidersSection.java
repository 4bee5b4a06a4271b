package dev.conduit.config.internal;

import dev.conduit.config.KnownTransformer;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.ProviderType;
import dev.conduit.config.Secret;
import dev.conduit.config.TransformerEntry;
import dev.conduit.config.TransformerSettings;
import dev.conduit.config.UpstreamTimeouts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Reads {@code Providers}: each entry's name, endpoint, keys, models, type and transformers. */
final class ProvidersSection {

    /**
     * The providers that are valid, and the names of all entries that have one, valid or not, so
     * that a route to a provider with a bad URL is not also reported as a route to nowhere;
     * {@code shownNames} are the same names as messages may show them.
     */
    record Providers(List<ProviderConfig> valid, List<String> names, List<String> shownNames) {
    }

    private final Values values;
    private final Findings findings;
    private final UpstreamTimeouts globalTimeouts;
    private final TransformersSection transformers;

    /** @param pluginsConfigured whether the config lists JavaScript {@code transformers} plugins */
    ProvidersSection(Values values, Findings findings, UpstreamTimeouts globalTimeouts, boolean pluginsConfigured) {
        this.values = values;
        this.findings = findings;
        this.globalTimeouts = globalTimeouts;
        this.transformers = new TransformersSection(values, findings, pluginsConfigured);
    }

    Providers read(JsonNode node, JsonPath path) {
        List<ProviderConfig> valid = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> shownNames = new ArrayList<>();
        if (Values.absent(node)) {
            return new Providers(valid, names, shownNames);
        }
        if (!node.isArray()) {
            findings.error(path, "must be an array of providers, not " + Values.kind(node));
            return new Providers(valid, names, shownNames);
        }
        Map<String, Integer> firstIndexByName = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            JsonPath at = path.index(i);
            if (!entry.isObject()) {
                findings.error(at, "must be an object with name, api_base_url, api_key and models, not "
                        + Values.kind(entry));
                continue;
            }
            int errorsBefore = findings.errorCount();
            Optional<String> name = name(entry.get("name"), at.key("name"), path, i, firstIndexByName);
            name.ifPresent(named -> {
                names.add(named);
                shownNames.add(values.shown(at.key("name"), named));
            });
            Optional<URI> url = baseUrl(entry.get("api_base_url"), at.key("api_base_url"));
            List<Secret> keys = keys(entry.get("api_key"), at.key("api_key"));
            List<String> models = models(entry.get("models"), at.key("models"));
            JsonNode transformer = transformer(entry.get("transformer"), at.key("transformer"));
            TransformerSettings settings = transformer == null ? TransformerSettings.NONE
                    : transformers.read(transformer, at.key("transformer"), models);
            Optional<ProviderType> type = type(entry.get("type"), at.key("type"));
            warnIfGeminiIgnoresTransformers(type, settings, at.key("transformer"));
            UpstreamTimeouts timeouts = timeouts(entry, at);
            Optional<Duration> probeInterval = Optional.ofNullable(
                    values.millis(entry.get("probe_interval_ms"), at.key("probe_interval_ms"), null));
            if (findings.errorCount() == errorsBefore && name.isPresent() && url.isPresent()) {
                valid.add(new ProviderConfig(name.get(), url.get(), keys, models, transformer, timeouts, probeInterval,
                        type, settings));
            }
        }
        return new Providers(valid, names, shownNames);
    }

    /** The provider's own {@code *_timeout_ms} keys over the global limits. */
    private UpstreamTimeouts timeouts(JsonNode entry, JsonPath at) {
        return new UpstreamTimeouts(
                millis(entry, at, "connect_timeout_ms", globalTimeouts.connect()),
                millis(entry, at, "first_byte_timeout_ms", globalTimeouts.firstByte()),
                millis(entry, at, "stream_idle_timeout_ms", globalTimeouts.streamIdle()),
                millis(entry, at, "timeout_ms", globalTimeouts.total()));
    }

    private Duration millis(JsonNode entry, JsonPath at, String key, Duration absent) {
        return values.millis(entry.get(key), at.key(key), absent);
    }

    private Optional<String> name(JsonNode node, JsonPath path, JsonPath providers, int index,
            Map<String, Integer> firstIndexByName) {
        if (Values.absent(node)) {
            findings.error(path, "missing; every provider needs a name");
            return Optional.empty();
        }
        Optional<String> name = values.text(node, path);
        if (name.isEmpty()) {
            if (node.isString()) {
                findings.error(path, "must not be empty");
            }
            return Optional.empty();
        }
        if (name.get().contains(",")) {
            findings.error(path, "must not contain a comma, because routes are written \"provider,model\"");
            return Optional.empty();
        }
        Integer first = firstIndexByName.putIfAbsent(name.get().toLowerCase(Locale.ROOT), index);
        if (first != null) {
            findings.error(path, values.quote(path, name.get()) + " is already the name of " + providers.index(first)
                    + " (names are compared ignoring case)");
            return Optional.empty();
        }
        return name;
    }

    private Optional<URI> baseUrl(JsonNode node, JsonPath path) {
        if (Values.absent(node)) {
            findings.error(path, "missing; every provider needs the full URL of its chat completions endpoint");
            return Optional.empty();
        }
        Optional<URI> url = values.httpUrl(node, path, "https://api.deepseek.com/chat/completions");
        if (url.isEmpty() && node.isString() && node.stringValue().isBlank()) {
            findings.error(path, "must not be empty");
        }
        return url;
    }

    /** A string or an array of strings; an empty string means no key. Never quotes a key. */
    private List<Secret> keys(JsonNode node, JsonPath path) {
        List<Secret> keys = new ArrayList<>();
        if (Values.absent(node)) {
            return keys;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.text(node.get(i), path.index(i)).map(Secret::new).ifPresent(keys::add);
            }
        } else if (node.isString()) {
            values.text(node, path).map(Secret::new).ifPresent(keys::add);
        } else {
            findings.error(path, "must be a string or an array of strings, not " + Values.kind(node));
        }
        return keys;
    }

    private List<String> models(JsonNode node, JsonPath path) {
        List<String> models = new ArrayList<>();
        if (Values.absent(node)) {
            return models;
        }
        if (!node.isArray()) {
            findings.error(path, "must be an array of model names, not " + Values.kind(node));
            return models;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonPath at = path.index(i);
            Optional<String> model = values.text(node.get(i), at);
            if (model.isPresent()) {
                models.add(model.get());
            } else if (Values.absent(node.get(i)) || node.get(i).isString()) {
                findings.error(at, "must be a model name, not empty");
            }
        }
        return models;
    }

    /** Gemini's own API is spoken by its own adapter, which the Chat Completions transformers do not reach. */
    private void warnIfGeminiIgnoresTransformers(Optional<ProviderType> type, TransformerSettings settings, JsonPath path) {
        boolean gemini = type.map(ProviderType.GEMINI::equals).orElse(settings.uses(KnownTransformer.GEMINI));
        List<String> ignored = Stream.concat(settings.forAllModels().stream(),
                        settings.byModel().values().stream().flatMap(List::stream))
                .map(TransformerEntry::transformer)
                .filter(transformer -> transformer.support() == KnownTransformer.Support.APPLIED)
                .map(KnownTransformer::configName).distinct().toList();
        if (gemini && !ignored.isEmpty()) {
            findings.warning(path, String.join(", ", ignored) + (ignored.size() == 1 ? " has" : " have")
                    + " no effect on a provider that speaks Gemini's own API; they adapt OpenAI Chat Completions requests");
        }
    }

    private Optional<ProviderType> type(JsonNode node, JsonPath path) {
        Optional<String> text = values.text(node, path);
        Optional<ProviderType> type = text.flatMap(ProviderType::find);
        if (text.isPresent() && type.isEmpty()) {
            findings.error(path, values.quote(path, text.get()) + " is not a provider type; use \"openai\","
                    + " \"anthropic\" or \"gemini\"");
        }
        return type;
    }

    private JsonNode transformer(JsonNode node, JsonPath path) {
        if (Values.absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            findings.error(path, "must be an object like {\"use\": [\"deepseek\"]}, not " + Values.kind(node));
            return null;
        }
        return node;
    }
}
