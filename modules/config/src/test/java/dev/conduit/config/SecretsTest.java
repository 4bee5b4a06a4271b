package dev.conduit.config;

import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A key must never show up in a message a user or a log could see. */
class SecretsTest {

    private static final String CANARY = "sk-CANARY7f3a9c";

    @ParameterizedTest
    @ValueSource(strings = {
        // the key written without quotes: a syntax error right at the key
        "{\"Providers\": [{\"name\": \"x\", \"api_base_url\": \"https://x.io/v1\", \"api_key\": sk-CANARY7f3a9c}]}",
        "{\"Providers\": [{\"name\": \"x\", \"api_base_url\": \"https://x.io/v1\", \"api_key\": CANARY7f3a9c}]}",
        "{\"APIKEY\": CANARY7f3a9c}",
        // the key's string left open
        "{\"Providers\": [{\"name\": \"x\", \"api_key\": \"sk-CANARY7f3a9c",
        // a valid key next to other problems
        "{\"APIKEY\": \"sk-CANARY7f3a9c\", \"PORT\": -1, \"Providers\": [{\"name\": \"x\", \"api_key\": \"sk-CANARY7f3a9c\"}]}",
        // the key in the wrong shape
        "{\"Providers\": [{\"name\": \"x\", \"api_base_url\": \"https://x.io/v1\", \"api_key\": {\"value\": \"sk-CANARY7f3a9c\"}}]}",
        "{\"Providers\": [{\"name\": \"x\", \"api_base_url\": \"https://x.io/v1\", \"api_key\": [\"sk-CANARY7f3a9c\", 42]}]}",
        // a key inside an endpoint URL that is not valid
        "{\"Providers\": [{\"name\": \"x\", \"api_base_url\": \"ftp://x.io/v1?key=sk-CANARY7f3a9c\"}]}",
        "{\"PROXY_URL\": \"socks5://user:sk-CANARY7f3a9c@proxy:1080\"}",
    })
    void noErrorMessageQuotesAKey(String config) {
        assertThat(rejection(config)).doesNotContain("CANARY");
    }

    @Test
    void aKeyFromTheEnvironmentInTheWrongPlaceIsShownAsWritten() {
        String message = rejection("""
                {
                  "Providers": [{"name": "x", "api_base_url": "$ENDPOINT", "api_key": "$KEY"},
                                {"name": "$KEY", "api_base_url": "https://y.io/v1"},
                                {"name": "${KEY}", "api_base_url": "https://z.io/v1"}],
                  "Router": {"default": "$KEY", "think": "nobody,$KEY", "background": "x,m", "image": "x,$KEY"},
                  "PORT": "$KEY",
                  "LOG": "$KEY",
                  "LOG_LEVEL": "$KEY"
                }
                """, Map.of("KEY", CANARY, "ENDPOINT", "https://user:" + CANARY + "@x.io:badport/v1"));

        assertThat(message).doesNotContain("CANARY");
        assertThat(message.lines()).contains(
                "config.json:4:26: Providers[2].name: \"${KEY}\" is already the name of Providers[1] (names are compared"
                        + " ignoring case)",
                "config.json:5:25: Router.default: \"$KEY\" is not a route; write \"provider,model\"",
                "config.json:5:42: Router.think: the provider in \"nobody,$KEY\" is not in Providers (known: x, $KEY)",
                "config.json:6:11: PORT: must be a port number from 0 to 65535, not \"$KEY\"",
                "config.json:8:16: LOG_LEVEL: \"$KEY\" is not a log level; use one of fatal, error, warn, info, debug,"
                        + " trace");
    }

    @Test
    void aLoadedConfigShowsNoKeyWhenPrinted() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  "APIKEY": "$GATEWAY_KEY",
                  "Providers": [{"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions?key=CANARY03",
                                 "api_key": ["sk-CANARY7f3a9c", "$SECOND_KEY"], "models": ["deepseek-chat"],
                                 "transformer": {"use": [["customparams", {"token": "CANARY04"}]]}}],
                  "Router": {"default": "deepseek,deepseek-chat", "think": "deepseek,deepseek-reasoner"},
                  "CUSTOM_ROUTER_PATH": "/home/me/router.js"
                }
                """, Map.of("GATEWAY_KEY", "gw-CANARY01", "SECOND_KEY", "sk-CANARY02"));

        assertThat(config.apiKey()).map(Secret::reveal).contains("gw-CANARY01");
        assertThat(config.providers().getFirst().apiKeys()).extracting(Secret::reveal)
                .containsExactly(CANARY, "sk-CANARY02");
        assertThat(config.toString()).doesNotContain("CANARY").contains("****");
        assertThat(config.warnings()).isNotEmpty().noneMatch(warning -> warning.contains("CANARY"));
    }
}
