package dev.conduit.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile and broken bodies over real HTTP, on both APIs: each gets a 400 in its API's envelope
 * with a message that names the problem, never reaches the provider, and the gateway serves the
 * next request normally.
 */
class MalformedBodiesTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", "");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VALID_MESSAGES = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String VALID_CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    enum Api {
        ANTHROPIC("/v1/messages"), OPENAI("/v1/chat/completions");

        final String path;

        Api(String path) {
            this.path = path;
        }
    }

    /** Each case: the API, what is wrong, the body, and the start of the message (a pattern). */
    static Stream<Arguments> malformed() {
        return Stream.of(Api.values()).flatMap(api -> Stream.of(
                Arguments.of(api, "truncated JSON", bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\""),
                        "request body is not valid JSON: Unexpected end-of-input"),
                Arguments.of(api, "invalid UTF-8", concat(bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""),
                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, bytes("\"}]}")),
                        "request body is not valid JSON: Invalid UTF-8"),
                Arguments.of(api, "nesting 10000 deep", bytes("{\"metadata\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                        "request body exceeds a JSON limit: Document nesting depth \\(501\\) exceeds the maximum allowed \\(500\\)"),
                Arguments.of(api, "a number of 5000 digits", bytes("{\"max_tokens\":" + "9".repeat(5_000) + "}"),
                        "request body exceeds a JSON limit: Number value length \\(\\d+\\) exceeds the maximum allowed \\(1000\\)"),
                Arguments.of(api, "a property name of 60000 characters", bytes("{\"" + "k".repeat(60_000) + "\":1}"),
                        "request body exceeds a JSON limit: Name length \\(60000\\) exceeds the maximum allowed \\(50000\\)"),
                Arguments.of(api, "a million tiny values", bytes("{\"x\":[" + "0,".repeat(1_000_000) + "0]}"),
                        "request body exceeds a JSON limit: Token count \\(1000001\\) exceeds the maximum allowed \\(1000000\\)"),
                Arguments.of(api, "wrong types everywhere", bytes("{\"model\":5,\"max_tokens\":\"x\",\"messages\":{}}"),
                        "model: expected a string, got a number"),
                Arguments.of(api, "a body that is no object", bytes("\"hello\""),
                        "request body must be a JSON object, got a string")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void isRefusedWith400InItsApisEnvelope(Api api, String what, byte[] body, String message) throws Exception {
        HttpResponse<String> response = post(api.path, body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        if (api == Api.ANTHROPIC) {
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("error").path("type").asString()).isEqualTo("invalid_request_error");
        } else {
            assertThat(error.has("type")).isFalse();
            assertThat(error.path("error").path("type").asString()).isEqualTo("invalid_request_error");
            assertThat(error.path("error").has("param")).isTrue();
        }
        assertThat(error.path("error").path("message").asString()).containsPattern("^" + message);
        assertThat(gateway.upstream().received()).isEmpty();
    }

    @AfterEach
    void theGatewayStillServes() throws Exception {
        assertThat(post(Api.ANTHROPIC.path, bytes(VALID_MESSAGES)).statusCode()).isEqualTo(200);
        assertThat(post(Api.OPENAI.path, bytes(VALID_CHAT)).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
