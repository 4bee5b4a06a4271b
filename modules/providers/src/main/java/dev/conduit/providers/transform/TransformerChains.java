package dev.conduit.providers.transform;

import dev.conduit.config.TransformerEntry;
import dev.conduit.config.TransformerSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider's transformer chains: one for the models without transformers of their own, and one
 * per model that has some, built when that model is first used (so the cache holds configured
 * models only, whatever model names clients send).
 */
public final class TransformerChains {

    private final TransformerSettings settings;
    private final TransformerChain forAllModels;
    private final Map<String, TransformerChain> byModel = new ConcurrentHashMap<>();

    public TransformerChains(TransformerSettings settings) {
        this.settings = settings;
        this.forAllModels = TransformerChain.of(settings.forAllModels());
    }

    /** The chain for {@code model}: the provider's transformers, then the model's own. */
    public TransformerChain forModel(String model) {
        List<TransformerEntry> entries = settings.forModel(model);
        if (entries.size() == settings.forAllModels().size()) {
            return forAllModels;
        }
        return byModel.computeIfAbsent(model.toLowerCase(Locale.ROOT), key -> TransformerChain.of(entries));
    }
}
