package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a clear error in the Anthropic envelope and never reaches the provider. */
class BadRequestsTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("");

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"model":"m","max_tokens":5,"messages":[`                         | `request body is not valid JSON: Unexpected end-of-input: expected close marker for Array (line 1, column 41)`
            `{"model":"m",}`                                                  | `request body is not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start property name (line 1, column 14)`
            `[1,2]`                                                           | `request body must be a JSON object, got an array`
            `{"max_tokens":5,"messages":[]}`                                  | `model: field required`
            `{"model":"m","messages":[]}`                                     | `max_tokens: field required`
            `{"model":"m","max_tokens":5}`                                    | `messages: field required`
            `{"model":"m","max_tokens":5,"messages":[{"role":"user"}]}`       | `messages[0].content: field required`
            `{"model":"m","max_tokens":"many","messages":[]}`                 | `max_tokens: expected an integer, got a string`
            """)
    void malformedBodiesAre400WithAPreciseMessage(String body, String message) throws Exception {
        HttpResponse<String> response = gateway.postJson("/v1/messages", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("invalid_request_error", message));
        assertThat(gateway.upstream.received()).isEmpty();
    }

    @Test
    void aFormBodyIsRefusedForItsContentType() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages", "application/x-www-form-urlencoded", "model=m");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("invalid_request_error",
                "content-type must be application/json, got application/x-www-form-urlencoded"));
    }

    @Test
    void anEmptyBodyIsRefused() throws Exception {
        HttpResponse<String> response = gateway.postJson("/v1/messages", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("invalid_request_error", "request body is empty; expected a JSON object"));
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405() throws Exception {
        HttpResponse<String> missing = gateway.postJson("/v1/complete", "{}");
        HttpResponse<String> wrongMethod = gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(10)).GET().build());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(error("not_found_error", "no such endpoint: POST /v1/complete"));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).contains("POST");
        assertThat(wrongMethod.body()).isEqualTo(error("invalid_request_error", "method GET is not allowed here; use POST"));
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.worker.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (40L * 1024 * 1024) + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void tooDeeplyNestedJsonIs400() throws Exception {
        String deep = "[".repeat(600) + "]".repeat(600);
        HttpResponse<String> response = gateway.postJson("/v1/messages",
                "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"metadata\":" + deep + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("request body exceeds a JSON limit").contains("nesting depth");
    }

    @Test
    void healthAnswersOk() throws Exception {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"status\":\"healthy\",\"reason\":\"all checks pass\",\"version\":\"");
    }
}
