package dev.conduit.config.internal;

import dev.conduit.config.KnownTransformer;
import dev.conduit.config.TransformerEntry;
import dev.conduit.config.TransformerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a provider's {@code transformer} object: {@code use} lists of names or {@code [name,
 * {options}]} pairs, names Conduit knows, options of the right types, and keys other than
 * {@code use} that name one of the provider's models.
 */
public final class TransformersSection {

    private static final String ENTRY_EXAMPLE = "like [\"deepseek\", [\"maxtoken\", {\"max_tokens\": 8192}]]";
    private static final String KNOWN = Arrays.stream(KnownTransformer.values())
            .filter(known -> known.support() != KnownTransformer.Support.UNSUPPORTED)
            .map(KnownTransformer::configName).sorted().collect(Collectors.joining(", "));

    private final Values values;
    private final Findings findings;
    private final boolean pluginsConfigured;

    /** @param pluginsConfigured whether the config lists JavaScript {@code transformers} plugins */
    TransformersSection(Values values, Findings findings, boolean pluginsConfigured) {
        this.values = values;
        this.findings = findings;
        this.pluginsConfigured = pluginsConfigured;
    }

    /**
     * The valid entries of a {@code transformer} object that did not come from a config file
     * (providers built in code); what is not valid is left out, and model keys are not checked.
     */
    public static TransformerSettings lenient(JsonNode transformer) {
        if (transformer == null || !transformer.isObject()) {
            return TransformerSettings.NONE;
        }
        Findings ignored = new Findings();
        return new TransformersSection(new Values(ignored, Map.of()), ignored, false)
                .read(transformer, JsonPath.ROOT, null);
    }

    /** @param models the provider's models, or null to accept any model key */
    TransformerSettings read(JsonNode node, JsonPath path, List<String> models) {
        List<TransformerEntry> forAll = uses(node.get("use"), path.key("use"));
        Map<String, List<TransformerEntry>> byModel = new HashMap<>();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String model = property.getKey();
            if (model.equals("use")) {
                continue;
            }
            JsonPath at = path.key(model);
            if (models != null && !isModel(model, models)) {
                findings.error(at, "\"" + model + "\" is not one of this provider's models ("
                        + (models.isEmpty() ? "it lists none in \"models\"" : String.join(", ", models))
                        + "); a key other than \"use\" names the model its transformers are for");
                continue;
            }
            JsonNode forModel = property.getValue();
            if (!forModel.isObject()) {
                findings.error(at, "must be an object like {\"use\": [\"tooluse\"]}, not " + Values.kind(forModel));
                continue;
            }
            byModel.put(model, uses(forModel.get("use"), at.key("use")));
        }
        return new TransformerSettings(forAll, byModel);
    }

    private static boolean isModel(String key, List<String> models) {
        return models.stream().anyMatch(model -> model.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT)));
    }

    private List<TransformerEntry> uses(JsonNode node, JsonPath path) {
        List<TransformerEntry> entries = new ArrayList<>();
        if (Values.absent(node)) {
            return entries;
        }
        if (!node.isArray()) {
            findings.error(path, "must be an array of transformers, " + ENTRY_EXAMPLE + ", not " + Values.kind(node));
            return entries;
        }
        for (int i = 0; i < node.size(); i++) {
            entry(node.get(i), path.index(i)).ifPresent(entries::add);
        }
        return entries;
    }

    private Optional<TransformerEntry> entry(JsonNode node, JsonPath path) {
        boolean pair = node.isArray() && node.size() >= 1 && node.size() <= 2 && node.get(0).isString()
                && (node.size() == 1 || node.get(1).isObject() || node.get(1).isNull());
        if (!node.isString() && !pair) {
            findings.error(path, "must be a transformer name or [name, {options}], not " + values.described(node, path));
            return Optional.empty();
        }
        JsonPath namePath = pair ? path.index(0) : path;
        String name = (pair ? node.get(0) : node).stringValue().strip();
        if (name.isEmpty()) {
            findings.error(path, "must name a transformer, not be empty");
            return Optional.empty();
        }
        Optional<KnownTransformer> known = KnownTransformer.find(name);
        String quoted = values.quote(namePath, name);
        if (known.isEmpty()) {
            findings.error(path, "unknown transformer " + quoted + "; known: " + KNOWN + (pluginsConfigured
                    ? " (names of JavaScript transformer plugins cannot be used: Conduit does not run them)" : ""));
            return Optional.empty();
        }
        switch (known.get().support()) {
            case UNSUPPORTED -> {
                findings.error(path, quoted + " is not supported by Conduit: " + known.get().note());
                return Optional.empty();
            }
            case NO_EFFECT -> findings.warning(path, quoted + " has no effect in Conduit: " + known.get().note());
            case APPLIED, ADAPTER -> { }
        }
        JsonNode options = pair && node.size() == 2 && node.get(1).isObject() ? node.get(1) : null;
        return options(known.get(), (ObjectNode) options, path.index(1), path)
                .map(checked -> new TransformerEntry(known.get(), checked));
    }

    /** The options with numbers and flags in their JSON types; empty when one is not valid. */
    private Optional<ObjectNode> options(KnownTransformer transformer, ObjectNode written, JsonPath path, JsonPath entry) {
        ObjectNode options = written == null ? JsonNodeFactory.instance.objectNode() : written.deepCopy();
        int errorsBefore = findings.errorCount();
        switch (transformer) {
            case MAXTOKEN -> {
                String key = options.has("max_tokens") || !options.has("maxTokens") ? "max_tokens" : "maxTokens";
                OptionalLong max = positive(options, key, path);
                options.remove("maxTokens");
                max.ifPresent(value -> options.put("max_tokens", value));
                if (max.isEmpty() && findings.errorCount() == errorsBefore) {
                    findings.warning(entry, "\"maxtoken\" has no effect without an option like {\"max_tokens\": 16384}");
                }
            }
            case MAXCOMPLETIONTOKENS -> positive(options, "max_completion_tokens", path);
            case SAMPLING -> {
                positive(options, "max_tokens", path);
                for (String key : List.of("temperature", "top_p", "repetition_penalty")) {
                    OptionalDouble number = values.number(options.get(key), path.key(key));
                    number.ifPresent(value -> options.put(key, value));
                }
                values.wholeNumber(options.get("top_k"), path.key("top_k"), -1, Integer.MAX_VALUE, "a whole number")
                        .ifPresent(value -> options.put("top_k", value));
            }
            case REASONING -> values.flag(options.get("enable"), path.key("enable"))
                    .ifPresent(enable -> options.put("enable", enable));
            case OPENROUTER -> {
                values.string(options.get("referer"), path.key("referer"));
                values.string(options.get("title"), path.key("title"));
                JsonNode order = options.get("providerOrder");
                if (!Values.absent(order) && (!order.isArray() || !order.valueStream().allMatch(JsonNode::isString))) {
                    findings.error(path.key("providerOrder"), "must be an array of provider names, like"
                            + " [\"anthropic\", \"google-vertex\"], not " + Values.kind(order));
                }
            }
            default -> { }
        }
        return findings.errorCount() == errorsBefore ? Optional.of(options) : Optional.empty();
    }

    private OptionalLong positive(ObjectNode options, String key, JsonPath path) {
        OptionalLong number = values.wholeNumber(options.get(key), path.key(key), 1, Integer.MAX_VALUE,
                "a positive whole number");
        number.ifPresent(value -> options.put(key, value));
        return number;
    }
}
