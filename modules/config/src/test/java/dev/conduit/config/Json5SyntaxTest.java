package dev.conduit.config;

import static dev.conduit.config.Configs.onlyProvider;
import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class Json5SyntaxTest {

    @Test
    void lineAndBlockCommentsAreIgnored() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  // where Claude Code connects
                  "PORT": 8080, /* not the default 3456 */
                  /*
                   * "HOST": "0.0.0.0",
                   */
                  "LOG": true // keep logs
                }
                """);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.log()).isTrue();
    }

    @Test
    void trailingCommasInObjectsAndArraysAreAccepted() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  "Providers": [
                    {
                      "name": "deepseek",
                      "api_base_url": "https://api.deepseek.com/chat/completions",
                      "models": ["deepseek-chat", "deepseek-reasoner",],
                    },
                  ],
                }
                """);

        assertThat(onlyProvider(config).models()).containsExactly("deepseek-chat", "deepseek-reasoner");
    }

    @Test
    void unquotedKeysAndSingleQuotedStringsAreAccepted() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  HOST: '0.0.0.0',
                  APIKEY: 'let\\'s-not-share',
                  Providers: [{name: 'ollama', api_base_url: 'http://localhost:11434/v1/chat/completions'}],
                }
                """);

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.apiKey()).map(Secret::reveal).contains("let's-not-share");
        assertThat(onlyProvider(config).name()).isEqualTo("ollama");
    }

    @Test
    void numbersMayHaveALeadingPlusADecimalPointAtEitherEndOrBeHexadecimal() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  PORT: +8080,
                  API_TIMEOUT_MS: .5e6,
                  Router: {longContextThreshold: 0x7530},
                }
                """);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.apiTimeout()).isEqualTo(Duration.ofMillis(500_000));
        assertThat(config.router().longContextThreshold()).isEqualTo(30_000);
        assertThat(parse("{PORT: 3456.}").port()).isEqualTo(3456);
    }

    @Test
    void nanAndInfinityAreKeptInTransformerOptions() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  Providers: [{
                    name: 'local',
                    api_base_url: 'http://localhost:8000/v1/chat/completions',
                    transformer: {use: [['customparams', {temperature: NaN, max_tokens: Infinity, top_p: -Infinity}]]},
                  }],
                }
                """);

        JsonNode options = onlyProvider(config).transformer().get("use").get(0).get(1);
        assertThat(options.get("temperature").doubleValue()).isNaN();
        assertThat(options.get("max_tokens").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(options.get("top_p").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aMissingCommaIsReportedWhereTheNextPropertyStarts() {
        String message = rejection("""
                {
                  "HOST": "127.0.0.1"
                  "PORT": 3456
                }
                """);

        assertThat(message).isEqualTo("config.json:3:3: expected ',' or '}' after a property, found '\"'");
    }

    @Test
    void aMissingColonIsReported() {
        assertThat(rejection("{\n  \"PORT\" 3456\n}"))
                .isEqualTo("config.json:2:10: expected ':' after a property name, found '3'");
    }

    @Test
    void anUnquotedStringValueIsReportedWithoutQuotingIt() {
        assertThat(rejection("{\n  \"HOST\": localhost\n}")).isEqualTo(
                "config.json:2:11: expected a value: a quoted string, a number, an object, an array, true, false or null");
    }

    @Test
    void aFileThatEndsInsideAnObjectIsReportedAtItsEnd() {
        String message = rejection("""
                {
                  "Providers": [
                    {"name": "deepseek"
                """);

        assertThat(message).isEqualTo("config.json:4:1: the file ends too early: a string, object or array is not closed");
    }

    @Test
    void aClosingBracketTooManyIsReported() {
        assertThat(rejection("{\"PORT\": 3456}}"))
                .isEqualTo("config.json:1:15: a closing bracket with nothing open to close");
    }

    @Test
    void multiLineStringContinuationsAreNotSupported() {
        String message = rejection("""
                {
                  "HOST": "127.0.\\
                0.1"
                }
                """);

        assertThat(message).startsWith("config.json:2:")
                .endsWith(": a backslash before a line break: multi-line strings are not supported, write \\n instead");
    }

    @Test
    void aStringLeftOpenAtTheEndOfALineIsReported() {
        assertThat(rejection("{\n  \"HOST\": \"127.0.0.1\n}"))
                .startsWith("config.json:2:")
                .endsWith(": a string is not closed before the end of the line");
    }

    @Test
    void syntaxErrorsCarryNoParserInternals() {
        String message = rejection("[1, 2");

        assertThat(message).startsWith("config.json:1:6: ")
                .doesNotContain("Source", "REDACTED", "Jackson", "Feature", "tools.", "exception");
    }

    @Test
    void anEmptyFileIsRejected() {
        assertThat(rejection("  \n")).isEqualTo("config.json: the file is empty; a config is a JSON object, at least {}");
    }

    @Test
    void theDocumentMustBeAnObject() {
        assertThat(rejection("\n[{\"name\": \"deepseek\"}]"))
                .isEqualTo("config.json:2:1: a config is a JSON object like {\"Providers\": [...]}, not an array");
    }

    @Test
    void aByteOrderMarkIsSkippedAndDoesNotShiftColumns() {
        assertThat(rejection("\uFEFF{\"PORT\": -1}"))
                .isEqualTo("config.json:1:10: PORT: must be a port number from 0 to 65535, not -1");
    }
}
