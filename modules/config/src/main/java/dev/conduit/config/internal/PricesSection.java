package dev.conduit.config.internal;

import dev.conduit.config.RouteTarget;
import dev.conduit.config.TokenPrice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code Prices}: {@code {"provider,model": {"input": 3, "output": 15, "cache_read": 0.3,
 * "cache_write": 3.75}}}, US dollars per million tokens; a price left out is 0.
 */
final class PricesSection {

    private final Values values;
    private final Findings findings;
    private final ProvidersSection.Providers providers;

    PricesSection(Values values, Findings findings, ProvidersSection.Providers providers) {
        this.values = values;
        this.findings = findings;
        this.providers = providers;
    }

    Map<RouteTarget, TokenPrice> read(JsonNode node, JsonPath path) {
        Map<RouteTarget, TokenPrice> prices = new LinkedHashMap<>();
        if (Values.absent(node)) {
            return prices;
        }
        if (!node.isObject()) {
            findings.error(path, "must be an object like {\"deepseek,deepseek-chat\": {\"input\": 0.27, \"output\": 1.1}}, not "
                    + Values.kind(node));
            return prices;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonPath at = path.key(entry.getKey());
            Optional<RouteTarget> target = RouteTarget.parse(entry.getKey());
            if (target.isEmpty()) {
                findings.error(at, "is not \"provider,model\"");
                continue;
            }
            Optional<String> provider = providers.names().stream()
                    .filter(name -> name.equalsIgnoreCase(target.get().provider()))
                    .findFirst();
            if (provider.isEmpty()) {
                findings.error(at, "names provider \"" + target.get().provider() + "\", which is not in Providers");
                continue;
            }
            JsonNode price = entry.getValue();
            if (!price.isObject()) {
                findings.error(at, "must be an object with input, output, cache_read and cache_write prices, not "
                        + Values.kind(price));
                continue;
            }
            prices.put(new RouteTarget(provider.get(), target.get().model()), new TokenPrice(
                    perMillion(price, at, "input"), perMillion(price, at, "output"),
                    perMillion(price, at, "cache_read"), perMillion(price, at, "cache_write")));
        }
        return prices;
    }

    private double perMillion(JsonNode price, JsonPath at, String key) {
        JsonNode value = price.get(key);
        if (Values.absent(value)) {
            return 0;
        }
        if (!value.isNumber() || value.doubleValue() < 0) {
            findings.error(at.key(key), "must be a price in US dollars per million tokens, 0 or more, not "
                    + (value.isNumber() ? value.toString() : Values.kind(value)));
            return 0;
        }
        return value.doubleValue();
    }
}
