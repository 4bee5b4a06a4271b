package dev.conduit.providers.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodiesTest {

    private static final Redactor NO_SECRETS = new Redactor(List.of());

    private static String message(String body) {
        return ErrorBodies.message(body.getBytes(StandardCharsets.UTF_8), NO_SECRETS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}} | Incorrect API key provided.
            {"error":"model 'llama9' not found, try pulling it first"}                        | model 'llama9' not found, try pulling it first
            {"message":"Too many requests","code":429}                                        | Too many requests
            {"detail":"Not Found"}                                                            | Not Found
            {"error_message":"quota exceeded"}                                                | quota exceeded
            [{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}] | API key not valid. Please pass a valid API key.
            {"error":{"message":"line one\\n  line two\\tend"}}                               | line one line two end
            {"error":{"code":"overloaded"},"message":"fallback message"}                      | fallback message
            {"error":{"code":"overloaded"}}                                                   | {"error":{"code":"overloaded"}}
            {"detail":[{"loc":["body","model"],"msg":"field required"}]}                      | {"detail":[{"loc":["body","model"],"msg":"field required"}]}
            <html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>       | an HTML page instead of an API error
            `  <!DOCTYPE html><html></html>`                                                 | an HTML page instead of an API error
            upstream connect error or disconnect/reset before headers                        | upstream connect error or disconnect/reset before headers
            `  Service   Unavailable  `                                                     | Service Unavailable
            """)
    void findsTheMessage(String body, String expected) {
        assertThat(message(body)).isEqualTo(expected);
    }

    @Test
    void multiLinePlainTextBecomesOneLine() {
        assertThat(message("Bad Gateway\r\n\r\nThe upstream\tserver failed.\n")).isEqualTo("Bad Gateway The upstream server failed.");
    }

    @Test
    void longTextIsShortened() {
        assertThat(message("x".repeat(600))).isEqualTo("x".repeat(500) + "…");
        assertThat(message("{\"error\":{\"message\":\"" + "y".repeat(501) + "\"}}")).isEqualTo("y".repeat(500) + "…");
        assertThat(message("z".repeat(500))).isEqualTo("z".repeat(500));
    }

    @Test
    void anEmptyBlankOrNullBodyHasNoMessage() {
        assertThat(ErrorBodies.message(new byte[0], NO_SECRETS)).isNull();
        assertThat(message("  \n ")).isNull();
        assertThat(message("null")).isNull();
    }

    @Test
    void aSecretThatStraddlesTheCutIsRemovedWhole() {
        String secret = "customsecret-" + "k".repeat(40);
        Redactor redactor = new Redactor(List.of(new dev.conduit.config.Secret(secret)));
        String body = "{\"error\":{\"message\":\"" + "m".repeat(480) + " " + secret + "\"}}";
        String message = ErrorBodies.message(body.getBytes(StandardCharsets.UTF_8), redactor);
        assertThat(message).doesNotContain("customsec").contains("****");
    }
}
