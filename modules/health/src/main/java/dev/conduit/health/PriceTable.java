package dev.conduit.health;

import java.util.Map;
import java.util.Optional;

/**
 * Optional prices from the config, keyed {@code "provider,model"} as the router names targets.
 * Traffic to a model without a price counts tokens but no cost.
 */
public record PriceTable(Map<String, ModelPrice> prices) {

    public static final PriceTable NONE = new PriceTable(Map.of());

    public PriceTable {
        prices = Map.copyOf(prices);
    }

    public Optional<ModelPrice> find(String provider, String model) {
        return Optional.ofNullable(prices.get(provider + "," + model));
    }
}
