package dev.conduit.config;

import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PricesTest {

    private static final String PROVIDER = """
            "Providers": [{"name": "DeepSeek", "api_base_url": "https://api.deepseek.com/chat/completions"}]""";

    @Test
    void pricesAreKeyedByTheConfiguredProviderAndMissingOnesAreZero() throws ConfigException {
        ConduitConfig config = parse("{" + PROVIDER + """
                , "Prices": {"deepseek,deepseek-chat": {"input": 0.27, "output": 1.1, "cache_read": 0.07}},
                  "ADMIN_REQUIRES_APIKEY": true}""");

        assertThat(config.prices()).containsExactlyEntriesOf(java.util.Map.of(
                new RouteTarget("DeepSeek", "deepseek-chat"), new TokenPrice(0.27, 1.1, 0.07, 0)));
        assertThat(config.adminNeedsApiKey()).isTrue();
    }

    @Test
    void withoutKeysThereAreNoPricesAndAdminEndpointsNeedTheApiKey() throws ConfigException {
        ConduitConfig config = parse("{" + PROVIDER + "}");

        assertThat(config.prices()).isEmpty();
        assertThat(config.adminNeedsApiKey()).isTrue();
        assertThat(parse("{" + PROVIDER + ", \"ADMIN_REQUIRES_APIKEY\": false}").adminNeedsApiKey()).isFalse();
    }

    @Test
    void aPriceForAnUnknownProviderOrANegativePriceIsRejected() {
        assertThat(rejection("{" + PROVIDER + """
                , "Prices": {"groq,llama": {"input": 1}, "deepseek,chat": {"output": -1}}}""")).isEqualTo("""
                config.json:1:125: Prices.groq,llama: names provider "groq", which is not in Providers
                config.json:1:167: Prices.deepseek,chat.output: must be a price in US dollars per million tokens, 0 or more, not -1""");
    }
}
