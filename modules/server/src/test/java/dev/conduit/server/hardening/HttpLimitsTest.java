package dev.conduit.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.RunningGateway;
import dev.conduit.testing.RawConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Limits on what a client may send and how slowly, over plain sockets: oversized bodies with and
 * without a length, oversized heads, slow and stalled clients, an HTTP/2 preface. Each gets its
 * 4xx in the envelope of the path's API, and the gateway serves normally afterwards.
 */
class HttpLimitsTest {

    private static final long LIMIT = 32L * 1024 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String ANTHROPIC_413 = "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\","
            + "\"message\":\"request body is larger than 32 MiB (MAX_REQUEST_BODY_BYTES)\"}}";
    private static final String OPENAI_413 = "{\"error\":{\"message\":\"request body is larger than 32 MiB"
            + " (MAX_REQUEST_BODY_BYTES)\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("CLIENT_IDLE_TIMEOUT_MS: 1500,", "");

    private static RawConnection connect() throws IOException {
        return new RawConnection(Integer.parseInt(gateway.baseUrl().substring(gateway.baseUrl().lastIndexOf(':') + 1)));
    }

    private static String head(String path, String... headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + String.join("", java.util.Arrays.stream(headers).map(header -> header + "\r\n").toList()) + "\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /v1/messages         | anthropic
            /v1/chat/completions | openai
            """)
    void aBodyDeclaredLargerThanTheLimitIs413BeforeItIsSent(String path, String api) throws Exception {
        try (RawConnection client = connect()) {
            client.send(head(path, "Content-Length: " + (LIMIT + 1)) + "{\"model\":");
            String response = client.readToEnd(DEADLINE);

            assertThat(response).startsWith("HTTP/1.1 413 ").containsIgnoringCase("connection: close")
                    .endsWith(api.equals("anthropic") ? ANTHROPIC_413 : OPENAI_413);
        }
        assertThat(gateway.upstream().received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /v1/messages         | anthropic
            /v1/chat/completions | openai
            """)
    void aChunkedBodyIs413AsSoonAsItPassesTheLimit(String path, String api) throws Exception {
        try (RawConnection client = connect()) {
            client.send(head(path, "Transfer-Encoding: chunked"));
            CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.readToEnd(DEADLINE);
                } catch (IOException e) {
                    return client.received();
                }
            });
            byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                // 40 MiB, unless the server refuses sooner and closes
                for (int i = 0; i < 40 && !response.isDone(); i++) {
                    client.send(chunk);
                }
            } catch (IOException closedByTheServer) {
                // expected once the answer is out
            }

            assertThat(response.get()).startsWith("HTTP/1.1 413 ")
                    .endsWith(api.equals("anthropic") ? ANTHROPIC_413 : OPENAI_413);
        }
        assertThat(gateway.upstream().received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /v1/messages         | {"type":"error","error":{"type":"invalid_request_error","message":"request header fields too large"}}
            /v1/chat/completions | {"error":{"message":"request header fields too large","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}
            """)
    void oversizedHeadersAre431(String path, String envelope) throws Exception {
        try (RawConnection client = connect()) {
            client.send(head(path, "X-Padding: " + "p".repeat(20_000), "Content-Length: 2") + "{}");
            String response = client.readToEnd(DEADLINE);

            assertThat(response).startsWith("HTTP/1.1 431 ").endsWith(envelope);
        }
    }

    @Test
    void anOversizedUriIs414() throws Exception {
        try (RawConnection client = connect()) {
            client.send("GET /v1/models?" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            assertThat(client.readToEnd(DEADLINE)).startsWith("HTTP/1.1 414 ");
        }
    }

    @Test
    void aBodyThatStopsArrivingIs408AfterTheIdleTimeout() throws Exception {
        try (RawConnection client = connect()) {
            client.send(head("/v1/chat/completions", "Content-Length: 100") + "{\"model\":\"m\",");
            String response = client.readToEnd(DEADLINE);

            assertThat(response).startsWith("HTTP/1.1 408 ").endsWith("{\"error\":{\"message\":\"request body stopped arriving:"
                    + " nothing came for 1500 ms (CLIENT_IDLE_TIMEOUT_MS)\",\"type\":\"invalid_request_error\",\"param\":null,"
                    + "\"code\":\"invalid_request_error\"}}");
        }
    }

    @Test
    void aBodyThatTricklesIs408() throws Exception {
        String body = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(200) + "\"}]}";
        try (RawConnection client = connect()) {
            client.send(head("/v1/messages", "Content-Length: " + body.length()));
            CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.readToEnd(DEADLINE);
                } catch (IOException e) {
                    return client.received();
                }
            });
            // ten bytes a second, each second well inside the idle timeout
            for (int i = 0; i < body.length() && !response.isDone(); i++) {
                client.send(body.substring(i, i + 1));
                Thread.sleep(100);
            }

            assertThat(response.get()).startsWith("HTTP/1.1 408 ")
                    .containsPattern("request body arrives too slowly: \\d+ bytes in \\d+ s; Conduit needs at least 1 KiB/s");
        }
        assertThat(gateway.upstream().received()).isEmpty();
    }

    @Test
    void aHeadThatNeverEndsIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawConnection client = connect()) {
            long started = System.nanoTime();
            client.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            client.readToEnd(DEADLINE);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void anHttp2PrefaceIsRefused() throws Exception {
        try (RawConnection client = connect()) {
            client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

            // Jetty's own answer to a client that speaks no HTTP/1.1 at all: no API, no envelope
            assertThat(client.readToEnd(DEADLINE)).startsWith("HTTP/1.1 426 Upgrade Required");
        }
    }

    @Test
    void aStringLongerThanAnthropicsWholeRequestLimitIs400WhenTheBodyLimitIsRaised() throws Exception {
        try (RunningGateway roomy = RunningGateway.start("MAX_REQUEST_BODY_BYTES: 41943040,", "");
                HttpClient http = HttpClient.newHttpClient()) {
            String body = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\""
                    + "x".repeat(33 * 1024 * 1024) + "\"}]}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(roomy.baseUrl() + "/v1/messages"))
                    .timeout(DEADLINE).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).containsPattern("\"request body exceeds a JSON limit: String value length \\(\\d+\\)"
                    + " exceeds the maximum allowed \\(33554432\\)\"");
        }
    }

    @Test
    void connectionsBeyondTheLimitWaitUntilOneCloses() throws Exception {
        try (RunningGateway limited = RunningGateway.start("MAX_CONNECTIONS: 2,", "")) {
            int port = Integer.parseInt(limited.baseUrl().substring(limited.baseUrl().lastIndexOf(':') + 1));
            try (RawConnection first = new RawConnection(port); RawConnection second = new RawConnection(port);
                    RawConnection third = new RawConnection(port)) {
                first.get("/alive");
                first.readUntil("alive", DEADLINE);
                second.get("/alive");
                second.readUntil("alive", DEADLINE);

                third.get("/alive");
                assertThat(answeredWithin(third, Duration.ofMillis(500))).as("served beyond the limit").isFalse();
                first.close();

                assertThat(third.readUntil("alive", DEADLINE)).startsWith("HTTP/1.1 200 ");
            }
        }
    }

    private static boolean answeredWithin(RawConnection client, Duration wait) throws IOException {
        try {
            client.readUntil("HTTP/1.1", wait);
            return true;
        } catch (java.net.SocketTimeoutException nothingYet) {
            return false;
        }
    }

    @AfterEach
    void theGatewayStillServes() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                    .timeout(DEADLINE)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}
