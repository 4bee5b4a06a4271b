package dev.conduit.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A provider's {@code transformer} object, validated: the entries of {@code use}, which apply to
 * every model, and the entries listed under a model's name, which apply to that model after them.
 *
 * @param forAllModels the provider-level {@code use} entries, in order
 * @param byModel each model's own {@code use} entries, keyed by the model name as configured
 */
public record TransformerSettings(List<TransformerEntry> forAllModels, Map<String, List<TransformerEntry>> byModel) {

    public static final TransformerSettings NONE = new TransformerSettings(List.of(), Map.of());

    public TransformerSettings {
        forAllModels = List.copyOf(forAllModels);
        Map<String, List<TransformerEntry>> copy = new HashMap<>();
        byModel.forEach((model, entries) -> copy.put(model, List.copyOf(entries)));
        byModel = Map.copyOf(copy);
    }

    /**
     * The entries that apply to {@code model}: the provider's, then the model's own. A model key
     * matches exactly, or else ignoring case.
     */
    public List<TransformerEntry> forModel(String model) {
        List<TransformerEntry> own = byModel.get(model);
        if (own == null) {
            own = byModel.entrySet().stream()
                    .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals(model.toLowerCase(Locale.ROOT)))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of());
        }
        List<TransformerEntry> all = new ArrayList<>(forAllModels);
        all.addAll(own);
        return List.copyOf(all);
    }

    /** Whether any entry, for all models or for one, names {@code transformer}. */
    public boolean uses(KnownTransformer transformer) {
        return Stream.concat(forAllModels.stream(), byModel.values().stream().flatMap(List::stream))
                .anyMatch(entry -> entry.transformer() == transformer);
    }
}
