package dev.conduit.config;

import static dev.conduit.config.Configs.onlyProvider;
import static dev.conduit.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InterpolationTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "DEEPSEEK_API_KEY", "sk-deepseek",
            "BIND", "0.0.0.0",
            "GATEWAY_PORT", "8080",
            "CHAT_MODEL", "deepseek-chat",
            "MAX_TOKENS", "65536",
            "EMPTY", "");

    private static ConduitConfig parseWithProvider(String providerFields) throws ConfigException {
        return parse("""
                {
                  "Providers": [{
                    "name": "deepseek",
                    "api_base_url": "https://api.deepseek.com/chat/completions",
                    %s
                  }]
                }
                """.formatted(providerFields), ENVIRONMENT);
    }

    @Test
    void dollarNameIsReplacedByTheVariable() throws ConfigException {
        ProviderConfig provider = parseWithProvider("\"api_key\": \"$DEEPSEEK_API_KEY\"").providers().getFirst();

        assertThat(provider.apiKeys()).extracting(Secret::reveal).containsExactly("sk-deepseek");
    }

    @Test
    void bracedNameIsReplacedByTheVariable() throws ConfigException {
        ConduitConfig config = parse("{\"HOST\": \"${BIND}\"}", ENVIRONMENT);

        assertThat(config.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void numbersAndRoutesMayComeFromVariables() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  "PORT": "$GATEWAY_PORT",
                  "Providers": [{"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions",
                                 "models": ["$CHAT_MODEL"]}],
                  "Router": {"default": "deepseek,${CHAT_MODEL}", "longContextThreshold": "${MAX_TOKENS}"}
                }
                """, ENVIRONMENT);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(onlyProvider(config).models()).containsExactly("deepseek-chat");
        assertThat(config.router().defaultRoute()).map(Route::toString).contains("deepseek,deepseek-chat");
        assertThat(config.router().longContextThreshold()).isEqualTo(65_536);
    }

    @Test
    void variablesNextToOtherTextAreReplacedWhereTheNameEnds() throws ConfigException {
        JsonNode headers = parseWithProvider("""
                "transformer": {"use": [["customparams", {"headers": {
                  "braced": "Bearer ${DEEPSEEK_API_KEY}x",
                  "unbraced": "Bearer $DEEPSEEK_API_KEY/v1",
                  "twice": "$BIND:$GATEWAY_PORT",
                  "longer name": "$DEEPSEEK_API_KEYx"
                }}]]}""").providers().getFirst().transformer().get("use").get(0).get(1).get("headers");

        assertThat(headers.get("braced").stringValue()).isEqualTo("Bearer sk-deepseekx");
        assertThat(headers.get("unbraced").stringValue()).isEqualTo("Bearer sk-deepseek/v1");
        assertThat(headers.get("twice").stringValue()).isEqualTo("0.0.0.0:8080");
        assertThat(headers.get("longer name").stringValue()).isEqualTo("$DEEPSEEK_API_KEYx");
    }

    @Test
    void stringsInsideNestedArraysAndObjectsAreReplacedButKeysAreNot() throws ConfigException {
        JsonNode transformer = parseWithProvider("""
                "transformer": {
                  "use": ["deepseek", ["maxtoken", {"max_tokens": "$MAX_TOKENS"}],
                          ["customparams", {"$CHAT_MODEL": {"model": "${CHAT_MODEL}"}}]]
                }""").providers().getFirst().transformer();

        assertThat(transformer.get("use").get(1).get(1).get("max_tokens").stringValue()).isEqualTo("65536");
        JsonNode params = transformer.get("use").get(2).get(1);
        assertThat(params.has("$CHAT_MODEL")).isTrue();
        assertThat(params.get("$CHAT_MODEL").get("model").stringValue()).isEqualTo("deepseek-chat");
    }

    @Test
    void anUnsetVariableStaysAsWrittenAndIsPointedOut() throws ConfigException {
        ConduitConfig config = parseWithProvider("\"api_key\": \"$NOPE\"");

        assertThat(onlyProvider(config).apiKeys()).extracting(Secret::reveal).containsExactly("$NOPE");
        assertThat(config.warnings()).contains(
                "config.json:5:16: Providers[0].api_key: $NOPE is not set in the environment, so it stays as written");
    }

    @Test
    void anUnsetBracedVariableStaysAsWritten() throws ConfigException {
        assertThat(parse("{\"HOST\": \"${NOPE}\"}", ENVIRONMENT).host()).isEqualTo("${NOPE}");
    }

    @Test
    void textThatIsNotAVariableReferenceStaysAsWritten() throws ConfigException {
        JsonNode texts = parseWithProvider("""
                "transformer": {"use": [["customparams", {"texts": ["costs $5", "${NOT CLOSED", "${1ST}", "$", "a$$BIND"]}]]}""")
                .providers().getFirst().transformer().get("use").get(0).get(1).get("texts");

        assertThat(texts).extracting(JsonNode::stringValue)
                .containsExactly("costs $5", "${NOT CLOSED", "${1ST}", "$", "a$0.0.0.0");
    }

    @Test
    void aVariableSetToNothingMeansNoKey() throws ConfigException {
        assertThat(onlyProvider(parseWithProvider("\"api_key\": \"$EMPTY\"")).apiKeys()).isEmpty();
    }
}
